import { randomBytes } from 'node:crypto';
import type { RequestEvent } from '@sveltejs/kit';
import { describe, expect, it, vi } from 'vitest';
import { authKit, authKitHandle } from '../src/index.ts';

const config = {
  clientId: 'client_01HANDLETEST',
  apiKey: 'sk_test_handle',
  redirectUri: 'http://127.0.0.1:5173/callback',
  cookiePassword: randomBytes(32).toString('base64url'),
};

/** A request event in the shape SvelteKit 2 and 3 both hand to `handle`; cookies recorded as set. */
function requestEvent(path: string) {
  const written: string[] = [];
  const url = new URL(path, 'http://127.0.0.1:5173');
  const event = {
    locals: {},
    url,
    request: new Request(url),
    cookies: {
      get: () => undefined,
      getAll: () => [],
      set: (name: string) => written.push(name),
    },
  } as unknown as RequestEvent;
  return { event, written };
}

// The handle's own plumbing, without a server: what the HTTP and browser tests cannot single out.
describe('authKitHandle', () => {
  it('gives getSignInUrl() the current request without an event, and marks that response private', async () => {
    const { event, written } = requestEvent('/');
    const handle = authKitHandle({ config });
    let signInUrl = '';
    const response = await handle({
      event,
      resolve: async () => {
        signInUrl = await authKit.getSignInUrl({ returnTo: '/account' });
        return new Response('home');
      },
    });
    expect(new URL(signInUrl).pathname).toBe('/user_management/authorize');
    expect(written.length, 'the pending sign-in cookie').toBe(1);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('vary')).toBe('Cookie');
  });

  it('leaves a signed-out response that sets no cookie cacheable; debug logs the request without secrets', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const { event } = requestEvent('/about');
      const response = await authKitHandle({ config, debug: true })({
        event,
        resolve: async (resolved) => {
          expect((resolved.locals as { auth: { user: unknown } }).auth.user).toBeNull();
          return new Response('about');
        },
      });
      expect(response.headers.get('cache-control')).toBeNull();
      expect(log).toHaveBeenCalledWith('[authkit-ssr] GET /about: signed out');
    } finally {
      log.mockRestore();
    }
  });

  it('refuses getSignInUrl() outside a request with an error that names the fix', async () => {
    await expect(authKit.getSignInUrl()).rejects.toThrow('authKitHandle()');
  });
});
