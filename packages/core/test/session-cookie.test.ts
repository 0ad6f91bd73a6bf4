import { sessionEncryption } from '@workos/authkit-session';
import type { User } from '@workos-inc/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AuthKitCore,
  applySetCookiesToCookieHeader,
  isAuthKitError,
  parseCookieHeader,
  type Session,
  sealSession,
  unsealSession,
} from '../src/index.ts';
import {
  COOKIE_PASSWORD,
  cookieHeaderFrom,
  createFakeWorkOS,
  type FakeWorkOS,
  makeUser,
  requestWithCookies,
} from './fake-workos.ts';

const OLD_PASSWORD = 'the-old-cookie-password-at-least-32-chars!';
const NEW_PASSWORD = 'the-new-cookie-password-at-least-32-chars!';

let fake: FakeWorkOS;
beforeAll(async () => {
  fake = await createFakeWorkOS();
});
afterAll(async () => {
  await fake.close();
});

function cookieValue(setCookies: readonly string[], name: string): string | undefined {
  const found = setCookies.find((cookie) => cookie.startsWith(`${name}=`));
  return found?.split(';')[0]?.slice(name.length + 1);
}

function namesSet(setCookies: readonly string[]): string[] {
  return setCookies.filter((cookie) => !/Max-Age=0/.test(cookie)).map((cookie) => cookie.split('=')[0]!);
}

function namesCleared(setCookies: readonly string[]): string[] {
  return setCookies.filter((cookie) => /Max-Age=0/.test(cookie)).map((cookie) => cookie.split('=')[0]!);
}

describe('sealing', () => {
  it('round-trips a session, impersonator included, in the iron format of WorkOS kits', async () => {
    const session: Session = {
      ...(await fake.issueSession()),
      impersonator: { email: 'support@example.com', reason: 'ticket 42' },
    };
    const sealed = await sealSession(session, [COOKIE_PASSWORD]);
    expect(sealed).toMatch(/^Fe26\.2\*1\*[^*]+\*[^*]+\*[^*]+\*\*[^*]+\*[^*]+~2$/);
    expect(sealed).not.toContain(session.refreshToken);
    expect(await unsealSession(sealed, [COOKIE_PASSWORD])).toEqual(session);
    // Two seals of one session differ (random salts and IV) but both read back.
    const again = await sealSession(session, [COOKIE_PASSWORD]);
    expect(again).not.toBe(sealed);
    expect(await unsealSession(again, [COOKIE_PASSWORD])).toEqual(session);
  });

  it('refuses another password with cookie_unreadable', async () => {
    const sealed = await sealSession(await fake.issueSession(), [COOKIE_PASSWORD]);
    const error = await unsealSession(sealed, [OLD_PASSWORD]).catch((caught: unknown) => caught);
    expect(isAuthKitError(error) && error.code).toBe('cookie_unreadable');
  });
});

describe('password rotation', () => {
  it('seals with the first password and unseals with any', async () => {
    const session = await fake.issueSession();
    const sealedWithNew = await sealSession(session, [NEW_PASSWORD, OLD_PASSWORD]);
    expect(await unsealSession(sealedWithNew, [NEW_PASSWORD])).toEqual(session);
    await expect(unsealSession(sealedWithNew, [OLD_PASSWORD])).rejects.toMatchObject({
      code: 'cookie_unreadable',
    });
    const sealedWithOld = await sealSession(session, [OLD_PASSWORD]);
    expect(await unsealSession(sealedWithOld, [NEW_PASSWORD, OLD_PASSWORD])).toEqual(session);
    expect(
      await unsealSession(sealedWithOld, [
        NEW_PASSWORD,
        'a-third-password-of-at-least-32-chars',
        OLD_PASSWORD,
      ]),
    ).toEqual(session);
  });

  it('keeps users signed in across a rotation, and the next written cookie uses the new password', async () => {
    const before = new AuthKitCore(fake.options({ cookiePassword: OLD_PASSWORD }));
    const after = new AuthKitCore(fake.options({ cookiePassword: [NEW_PASSWORD, OLD_PASSWORD] }));

    const valid = await fake.issueSession();
    const validCookie = `wos-session=${await before.sealSession(valid)}`;
    const read = await after.authenticate(requestWithCookies(validCookie));
    expect(read.auth?.user.id).toBe(valid.user.id);
    expect(read.setCookies).toEqual([]);

    const expired = await fake.issueSession({ expired: true });
    const expiredCookie = `wos-session=${await before.sealSession(expired)}`;
    const refreshed = await after.authenticate(requestWithCookies(expiredCookie));
    expect(refreshed.refresh).toBe('led');
    const written = cookieValue(refreshed.setCookies, 'wos-session')!;
    expect((await unsealSession(written, [NEW_PASSWORD])).refreshToken).toBe(refreshed.session?.refreshToken);
    await expect(unsealSession(written, [OLD_PASSWORD])).rejects.toMatchObject({ code: 'cookie_unreadable' });

    // Once the old password is retired, its cookies sign out cleanly.
    const retired = new AuthKitCore(fake.options({ cookiePassword: NEW_PASSWORD }));
    const signedOut = await retired.authenticate(requestWithCookies(validCookie));
    expect(signedOut.auth).toBeNull();
    expect(signedOut.setCookies).toEqual([expect.stringMatching(/^wos-session=; .*Max-Age=0/)]);
  });
});

describe('compatibility with @workos/authkit-session', () => {
  it('reads a cookie sealed by WorkOS’s kit', async () => {
    const session = await fake.issueSession();
    const theirs = await sessionEncryption.sealData(session, { password: COOKIE_PASSWORD });
    expect(await unsealSession(theirs, [COOKIE_PASSWORD])).toEqual(session);
    const core = new AuthKitCore(fake.options());
    const result = await core.authenticate(requestWithCookies(`wos-session=${theirs}`));
    expect(result.auth?.user.id).toBe(session.user.id);
    expect(result.auth?.accessToken).toBe(session.accessToken);
  });

  it('reads a cookie sealed by WorkOS’s kit with a TTL while it lasts', async () => {
    const session = await fake.issueSession();
    const theirs = await sessionEncryption.sealData(session, { password: COOKIE_PASSWORD, ttl: 3600 });
    expect(await unsealSession(theirs, [COOKIE_PASSWORD])).toEqual(session);
  });

  it('writes cookies that WorkOS’s kit reads', async () => {
    const core = new AuthKitCore(fake.options());
    const session: Session = {
      ...(await fake.issueSession()),
      impersonator: { email: 'support@example.com', reason: null },
    };
    const ours = await core.sealSession(session);
    expect(await sessionEncryption.unsealData(ours, { password: COOKIE_PASSWORD })).toEqual(session);

    // A refreshed cookie too: what the app writes after a refresh stays readable by the old kit.
    const refreshed = await core.authenticate(
      requestWithCookies(`wos-session=${await core.sealSession(await fake.issueSession({ expired: true }))}`),
    );
    const written = cookieValue(refreshed.setCookies, 'wos-session')!;
    expect(await sessionEncryption.unsealData(written, { password: COOKIE_PASSWORD })).toMatchObject({
      accessToken: refreshed.auth?.accessToken,
      refreshToken: refreshed.session?.refreshToken,
    });
  });
});

describe('cookie attributes', () => {
  it('writes HttpOnly, SameSite=Lax, Path=/ and Max-Age, without Secure on http', async () => {
    const core = new AuthKitCore(fake.options());
    const [setCookie] = core.serializeSessionCookies(await core.sealSession(await fake.issueSession()));
    expect(setCookie).toMatch(/^wos-session=Fe26\.2\*[^;]+; /);
    const attributes = setCookie!.split('; ').slice(1);
    expect(attributes).toEqual(
      expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${400 * 24 * 60 * 60}`]),
    );
    expect(attributes).not.toContain('Secure');
  });

  it('adds Secure on https and keeps Domain on every cookie it writes or clears', async () => {
    const core = new AuthKitCore(
      fake.options({ redirectUri: 'https://app.example/callback', cookieDomain: 'app.example' }),
    );
    const big = await fake.issueSession({
      user: { id: 'user_attrs', metadata: { notes: 'x'.repeat(6000) } },
      expired: true,
    });
    const request = requestWithCookies(
      cookieHeaderFrom(core.serializeSessionCookies(await core.sealSession(big))),
    );
    fake.setUser(makeUser({ id: 'user_attrs' }));
    const result = await core.authenticate(request);
    expect(namesCleared(result.setCookies).length).toBeGreaterThan(0);
    for (const setCookie of result.setCookies) {
      expect(setCookie).toContain('; Secure');
      expect(setCookie).toContain('; Domain=app.example');
      expect(setCookie).toContain('; Path=/');
      expect(setCookie).toContain('; HttpOnly');
    }
  });
});

describe('sessions larger than one cookie', () => {
  let core: AuthKitCore;
  let sealedLengthWithoutMetadata = 0;

  beforeAll(async () => {
    core = new AuthKitCore(fake.options());
    const sample = await fake.issueSession({ user: { id: 'user_sample', metadata: { notes: '' } } });
    sealedLengthWithoutMetadata = (await core.sealSession(sample)).length;
  });

  // Base64url turns 3 bytes of ciphertext into 4 characters.
  function userSealingTo(id: string, sealedLength: number): User {
    const notes = 'n'.repeat(Math.ceil(((sealedLength - sealedLengthWithoutMetadata) * 3) / 4));
    return makeUser({ id, metadata: { notes } });
  }

  async function chunkedRequest(session: Session): Promise<{ header: string; setCookies: string[] }> {
    const setCookies = core.serializeSessionCookies(await core.sealSession(session));
    return { header: cookieHeaderFrom(setCookies), setCookies };
  }

  it('splits a 10 KB user into numbered cookies under 4096 bytes and reads them back', async () => {
    const metadata = { notes: 'é'.repeat(5_000) };
    const session = await fake.issueSession({ user: { id: 'user_large', metadata } });
    const { header, setCookies } = await chunkedRequest(session);
    expect(setCookies.length).toBeGreaterThanOrEqual(3);
    expect(namesSet(setCookies)).toEqual(setCookies.map((_, index) => `wos-session.${index}`));
    for (const setCookie of setCookies) {
      expect(new TextEncoder().encode(setCookie).length).toBeLessThan(4096);
      expect(setCookie).toContain('; HttpOnly');
    }

    // Browsers do not promise an order: reverse the chunks.
    const reversed = header.split('; ').reverse().join('; ');
    const result = await core.authenticate(requestWithCookies(`other=1; ${reversed}`));
    expect(result.auth?.user.metadata).toEqual(metadata);
    expect(result.auth?.accessToken).toBe(session.accessToken);
    expect(result.setCookies).toEqual([]);
  });

  it('clears the stale chunk when a 3-chunk session is refreshed into 2 chunks', async () => {
    fake.setUser(userSealingTo('user_shrink', 9_500));
    const expired = await fake.issueSession({ expired: true, user: userSealingTo('user_shrink', 9_500) });
    const { header } = await chunkedRequest(expired);
    expect(parseCookieHeader(header).size).toBe(3);

    fake.setUser(userSealingTo('user_shrink', 5_700));
    const result = await core.authenticate(requestWithCookies(header));
    expect(result.refresh).toBe('led');
    expect(namesSet(result.setCookies)).toEqual(['wos-session.0', 'wos-session.1']);
    expect(namesCleared(result.setCookies)).toEqual(['wos-session.2']);
    // The cleared chunk comes after the new ones: the last write for each name is what the browser keeps.
    const jar = applySetCookiesToCookieHeader(header, result.setCookies);
    expect([...parseCookieHeader(jar).keys()].sort()).toEqual(['wos-session.0', 'wos-session.1']);
    const next = await core.authenticate(requestWithCookies(jar));
    expect(next.auth?.accessToken).toBe(result.auth?.accessToken);
    expect(next.setCookies).toEqual([]);
  });

  it('moves from chunks back to one plain cookie and clears every chunk', async () => {
    const expired = await fake.issueSession({ expired: true, user: userSealingTo('user_slim', 9_500) });
    const { header } = await chunkedRequest(expired);
    fake.setUser(makeUser({ id: 'user_slim' }));
    const result = await core.authenticate(requestWithCookies(header));
    expect(namesSet(result.setCookies)).toEqual(['wos-session']);
    expect(namesCleared(result.setCookies).sort()).toEqual([
      'wos-session.0',
      'wos-session.1',
      'wos-session.2',
    ]);
    const jar = applySetCookiesToCookieHeader(header, result.setCookies);
    expect([...parseCookieHeader(jar).keys()]).toEqual(['wos-session']);
    expect((await core.authenticate(requestWithCookies(jar))).auth?.user.id).toBe('user_slim');
  });

  it('moves from a plain cookie to chunks and clears the plain one', async () => {
    const expired = await fake.issueSession({ expired: true, user: { id: 'user_growing' } });
    const header = `wos-session=${await core.sealSession(expired)}`;
    fake.setUser(userSealingTo('user_growing', 5_700));
    const result = await core.authenticate(requestWithCookies(header));
    expect(namesSet(result.setCookies)).toEqual(['wos-session.0', 'wos-session.1']);
    expect(namesCleared(result.setCookies)).toEqual(['wos-session']);
    const jar = applySetCookiesToCookieHeader(header, result.setCookies);
    expect([...parseCookieHeader(jar).keys()]).toEqual(['wos-session.0', 'wos-session.1']);
    const next = await core.authenticate(requestWithCookies(jar));
    expect(next.auth?.user.metadata).toEqual(result.auth?.user.metadata);
  });

  it('clears every chunk when a chunked cookie is unreadable', async () => {
    const session = await fake.issueSession({ user: userSealingTo('user_broken', 9_500) });
    const { header } = await chunkedRequest(session);
    const cookies = [...parseCookieHeader(header)];
    const broken = cookies
      .map(([name, value], index) => `${name}=${index === 1 ? value.slice(0, -10) : value}`)
      .join('; ');
    const result = await core.authenticate(requestWithCookies(broken));
    expect(result.auth).toBeNull();
    expect(namesCleared(result.setCookies).sort()).toEqual([
      'wos-session',
      'wos-session.0',
      'wos-session.1',
      'wos-session.2',
    ]);
  });
});
