import { describe, expect, it } from 'vitest';
import { createAccessTokenClient } from '../src/client/access-token.ts';

function fakeEndpoint(responses: (() => Response)[]) {
  let calls = 0;
  const fetch = async () => {
    const next = responses[Math.min(calls, responses.length - 1)];
    calls++;
    // Answer after a macrotask, like a network response: concurrent callers all start first.
    await new Promise((resolve) => setImmediate(resolve));
    return (next as () => Response)();
  };
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls: () => calls };
}

const token =
  (expiresInSeconds: number, value = 'header.payload.signature') =>
  () =>
    Response.json({
      accessToken: value,
      expiresAt: new Date(Date.now() + expiresInSeconds * 1000).toISOString(),
    });

describe('createAccessTokenClient', () => {
  it('shares one request between concurrent callers, then serves the cached token', async () => {
    const endpoint = fakeEndpoint([token(300)]);
    const client = createAccessTokenClient({ fetch: endpoint.fetch });
    const tokens = await Promise.all([
      client.getAccessToken(),
      client.getAccessToken(),
      client.getAccessToken(),
    ]);
    expect(new Set(tokens)).toEqual(new Set(['header.payload.signature']));
    expect(endpoint.calls()).toBe(1);
    await client.getAccessToken();
    expect(endpoint.calls()).toBe(1);
  });

  it('fetches again when the cached token is about to expire, or when forced', async () => {
    const endpoint = fakeEndpoint([token(20, 'a'), token(300, 'b'), token(300, 'c')]);
    const client = createAccessTokenClient({ fetch: endpoint.fetch, minValiditySeconds: 30 });
    expect(await client.getAccessToken()).toBe('a');
    expect(await client.getAccessToken()).toBe('b');
    expect(await client.getAccessToken({ forceRefresh: true })).toBe('c');
    expect(endpoint.calls()).toBe(3);
  });

  it('answers null when signed out, and a failure does not stick', async () => {
    const endpoint = fakeEndpoint([
      () => Response.json({ accessToken: null }, { status: 401 }),
      () => Response.json({ error: 'upstream_unavailable' }, { status: 503 }),
      token(300),
    ]);
    const client = createAccessTokenClient({ fetch: endpoint.fetch });
    expect(await client.getAccessToken()).toBeNull();
    await expect(client.getAccessToken()).rejects.toThrow('503');
    expect(await client.getAccessToken()).toBe('header.payload.signature');
  });
});
