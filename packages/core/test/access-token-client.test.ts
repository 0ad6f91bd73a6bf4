import { describe, expect, it } from 'vitest';
import {
  type AccessToken,
  accessTokenOf,
  createAccessTokenClient,
  fetchAccessTokenRoute,
} from '../src/client/index.ts';

/** A fake server: answers in order (the last answer repeats), each after a macrotask, and counts calls. */
function fakeServer(answers: (() => AccessToken | null | Error)[]) {
  let calls = 0;
  const fetchAccessToken = async (): Promise<AccessToken | null> => {
    const answer = (answers[Math.min(calls, answers.length - 1)] as () => AccessToken | null | Error)();
    calls++;
    await new Promise((resolve) => setImmediate(resolve));
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { fetchAccessToken, calls: () => calls };
}

describe('createAccessTokenClient', () => {
  let clock = 1_000_000;
  const now = () => clock;
  const token = (value: string, expiresInSeconds: number) => () => ({
    accessToken: value,
    expiresAt: new Date(clock + expiresInSeconds * 1000).toISOString(),
  });

  it('shares one request between concurrent callers, then serves the cached token until it nears expiry', async () => {
    const server = fakeServer([token('a', 300), token('b', 300)]);
    const client = createAccessTokenClient({ fetchAccessToken: server.fetchAccessToken, now });
    const tokens = await Promise.all([
      client.getAccessToken(),
      client.getAccessToken(),
      client.getAccessToken(),
    ]);
    expect(tokens).toEqual(['a', 'a', 'a']);
    expect(server.calls()).toBe(1);

    clock += 200_000;
    expect(await client.getAccessToken()).toBe('a');
    expect(server.calls()).toBe(1);
    // 100 s left, then 25 s: below the default 30 s margin, it fetches again.
    clock += 75_000;
    expect(await client.getAccessToken()).toBe('b');
    expect(server.calls()).toBe(2);
  });

  it('honours refreshBeforeExpirySeconds and forceRefresh', async () => {
    const server = fakeServer([token('a', 50), token('b', 300), token('c', 300)]);
    const client = createAccessTokenClient({
      fetchAccessToken: server.fetchAccessToken,
      now,
      refreshBeforeExpirySeconds: 60,
    });
    expect(await client.getAccessToken()).toBe('a');
    expect(await client.getAccessToken()).toBe('b');
    expect(await client.getAccessToken()).toBe('b');
    expect(await client.getAccessToken({ forceRefresh: true })).toBe('c');
    expect(server.calls()).toBe(3);
  });

  it('answers null when signed out; a failure is not cached and the next call starts fresh', async () => {
    const server = fakeServer([() => null, () => new Error('HTTP 503'), token('a', 300)]);
    const client = createAccessTokenClient({ fetchAccessToken: server.fetchAccessToken, now });
    expect(await client.getAccessToken()).toBeNull();
    await expect(client.getAccessToken()).rejects.toThrow('503');
    expect(await client.getAccessToken()).toBe('a');
    expect(server.calls()).toBe(3);
  });

  it('serves a token set from elsewhere without a request, and clear() forgets it', async () => {
    const server = fakeServer([token('fetched', 300)]);
    const client = createAccessTokenClient({ fetchAccessToken: server.fetchAccessToken, now });
    client.setAccessToken({ accessToken: 'rendered', expiresAt: clock + 300_000 });
    expect(await client.getAccessToken()).toBe('rendered');
    expect(server.calls()).toBe(0);
    client.clear();
    expect(await client.getAccessToken()).toBe('fetched');
    expect(server.calls()).toBe(1);
    client.setAccessToken(null);
    expect(await client.getAccessToken()).toBe('fetched');
    expect(server.calls()).toBe(2);
  });

  it('does not let a request started before clear() serve later callers or fill the cache', async () => {
    const server = fakeServer([token('old-organization', 300), token('new-organization', 300)]);
    const client = createAccessTokenClient({ fetchAccessToken: server.fetchAccessToken, now });
    const early = client.getAccessToken();
    client.clear();
    const late = client.getAccessToken();
    expect(await early).toBe('old-organization');
    expect(await late).toBe('new-organization');
    expect(await client.getAccessToken()).toBe('new-organization');
    expect(server.calls()).toBe(2);
  });
});

describe('fetchAccessTokenRoute', () => {
  const answering = (response: Response) => {
    const requests: Request[] = [];
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      requests.push(new Request(new URL(String(input), 'http://app.test'), init));
      return response;
    };
    return { fetch: fetch as typeof globalThis.fetch, requests };
  };

  it('reads the JSON body of the route, with cookies, and maps it to a cached token', async () => {
    const body = { accessToken: 'header.payload.signature', expiresAt: '2030-01-01T00:00:00.000Z', auth: {} };
    const server = answering(Response.json(body));
    const answer = await fetchAccessTokenRoute<typeof body>('/api/auth/access-token', server);
    expect(answer).toEqual(body);
    expect(server.requests[0]?.credentials).toBe('same-origin');
    expect(server.requests[0]?.headers.get('accept')).toBe('application/json');
    expect(accessTokenOf(answer)).toEqual({
      accessToken: 'header.payload.signature',
      expiresAt: '2030-01-01T00:00:00.000Z',
    });
  });

  it('answers null for 401 (signed out) and throws with the status otherwise', async () => {
    const signedOut = answering(Response.json({ accessToken: null }, { status: 401 }));
    expect(await fetchAccessTokenRoute('/token', signedOut)).toBeNull();
    expect(accessTokenOf(null)).toBeNull();
    expect(accessTokenOf({ accessToken: null, expiresAt: null })).toBeNull();
    const outage = answering(Response.json({ error: 'upstream_unavailable' }, { status: 503 }));
    await expect(fetchAccessTokenRoute('/token', outage)).rejects.toThrow('HTTP 503');
  });
});
