import { sessionEncryption } from '@workos/authkit-session';
import fc from 'fast-check';
import { exportSPKI, generateKeyPair, importJWK, type JWK, SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AuthenticateResult,
  AuthKitCore,
  applySetCookiesToCookieHeader,
  parseCookieHeader,
  parseSetCookie,
  type Session,
  serializeSetCookie,
} from '../src/index.ts';
import {
  COOKIE_PASSWORD,
  createFakeWorkOS,
  type FakeWorkOS,
  makeUser,
  requestWithCookies,
} from './fake-workos.ts';

const ISSUER = 'https://api.workos.com/user_management/client_test';
const OTHER_PASSWORD = 'another-cookie-password-of-at-least-32-chars';
const CLEARED = /^wos-session=; .*Max-Age=0/;

let fake: FakeWorkOS;
let core: AuthKitCore;
let strangerKey: CryptoKey;
let publicKeyPem: string;
let publicJwk: JWK;

beforeAll(async () => {
  fake = await createFakeWorkOS();
  core = new AuthKitCore(fake.options());
  strangerKey = (await generateKeyPair('RS256')).privateKey;
  const response = await fetch(fake.jwksUrl);
  publicJwk = ((await response.json()) as { keys: JWK[] }).keys[0]!;
  publicKeyPem = await exportSPKI((await importJWK(publicJwk, 'RS256', { extractable: true })) as CryptoKey);
});
afterAll(async () => {
  await fake.close();
});

/** A Headers whose `get('cookie')` returns any string, even one that a real Headers would refuse. */
class RawCookieHeaders extends Headers {
  readonly #cookie: string;
  constructor(cookie: string) {
    super();
    this.#cookie = cookie;
  }
  override get(name: string): string | null {
    return name.toLowerCase() === 'cookie' ? this.#cookie : null;
  }
}

function expectClearedSignOut(result: AuthenticateResult): void {
  expect(result.auth).toBeNull();
  expect(result.session).toBeNull();
  expect(result.setCookies).toEqual([expect.stringMatching(CLEARED)]);
  expect(result.cacheHeaders).toEqual({ 'Cache-Control': 'private, no-store', Vary: 'Cookie' });
}

async function sealedSession(overrides: Partial<Session> = {}): Promise<string> {
  return core.sealSession({ ...(await fake.issueSession()), ...overrides });
}

/** Replaces the character at `index` by another base64url character. */
function flipAt(value: string, index: number): string {
  const current = value[index]!;
  const replacement = current === 'A' ? 'B' : 'A';
  return `${value.slice(0, index)}${replacement}${value.slice(index + 1)}`;
}

describe('unreadable cookies', () => {
  const cases: Array<[string, () => Promise<string>]> = [
    ['malformed', async () => 'not-a-sealed-value'],
    ['an iron prefix with garbage', async () => 'Fe26.2*1*garbage*more*garbage**x*y~2'],
    ['only the version suffix', async () => '~2'],
    ['percent garbage', async () => '%E0%A4%A'],
    ['truncated by half', async () => (await sealedSession()).slice(0, 200)],
    ['truncated by a few characters', async () => (await sealedSession()).slice(0, -12)],
    [
      'sealed with another password',
      async () =>
        new AuthKitCore(fake.options({ cookiePassword: OTHER_PASSWORD })).sealSession(
          await fake.issueSession(),
        ),
    ],
    ['oversized (100 KB)', async () => `Fe26.2*1*${'a'.repeat(100_000)}`],
    [
      'a sealed non-session object',
      async () => sessionEncryption.sealData({ hello: 'world' }, { password: COOKIE_PASSWORD }),
    ],
    ['a sealed string', async () => sessionEncryption.sealData('wos-session', { password: COOKIE_PASSWORD })],
    ['a sealed null', async () => sessionEncryption.sealData(null, { password: COOKIE_PASSWORD })],
    [
      'a sealed session whose user has no id',
      async () =>
        sessionEncryption.sealData(
          { accessToken: 'a', refreshToken: 'r', user: { email: 'x@example.com' } },
          { password: COOKIE_PASSWORD },
        ),
    ],
  ];

  it.each(cases)('%s: signed out, cookie cleared, no refresh', async (_, cookieValue) => {
    const refreshes = fake.calls.refresh;
    const result = await core.authenticate(requestWithCookies(`wos-session=${await cookieValue()}`));
    expectClearedSignOut(result);
    expect(fake.calls.refresh).toBe(refreshes);
  });

  it('tampered (one character flipped in each part of the seal): signed out, cookie cleared', async () => {
    const sealed = await sealedSession();
    const body = sealed.slice(0, sealed.lastIndexOf('~'));
    const parts = body.split('*');
    // Flip a character in the middle of the salts, IV, ciphertext and HMAC.
    let offset = 0;
    const positions: number[] = [];
    for (const [index, part] of parts.entries()) {
      if (index >= 2 && part.length > 4) positions.push(offset + Math.floor(part.length / 2));
      offset += part.length + 1;
    }
    expect(positions).toHaveLength(5);
    for (const position of positions) {
      const result = await core.authenticate(requestWithCookies(`wos-session=${flipAt(sealed, position)}`));
      expectClearedSignOut(result);
    }
    // The untampered value is accepted: the flips above are what was refused.
    expect((await core.authenticate(requestWithCookies(`wos-session=${sealed}`))).auth).not.toBeNull();
  });

  it('oversized and split into many chunks: signed out, every chunk cleared', async () => {
    const chunks = Array.from({ length: 27 }, (_, index) => `wos-session.${index}=${'b'.repeat(3800)}`);
    const result = await core.authenticate(requestWithCookies(chunks.join('; ')));
    expect(result.auth).toBeNull();
    expect(result.setCookies).toHaveLength(28);
    expect(result.setCookies.every((setCookie) => /Max-Age=0/.test(setCookie))).toBe(true);
  });

  it('no session cookie at all: signed out without writing anything', async () => {
    const result = await core.authenticate(requestWithCookies('theme=dark; wos-session-sign-in=x'));
    expect(result).toMatchObject({ auth: null, setCookies: [], cacheHeaders: {} });
  });
});

describe('forged and unacceptable access tokens', () => {
  const claims = { sub: 'user_ada', sid: 'session_forged' };

  const forgeries: Array<[string, () => Promise<string>]> = [
    [
      'alg: none',
      async () => new UnsecuredJWT(claims).setIssuedAt().setExpirationTime('5m').setIssuer(ISSUER).encode(),
    ],
    [
      'HS256 signed with the RSA public key (PEM)',
      async () =>
        new SignJWT(claims)
          .setProtectedHeader({ alg: 'HS256', kid: publicJwk.kid!, typ: 'JWT' })
          .setIssuedAt()
          .setExpirationTime('5m')
          .setIssuer(ISSUER)
          .sign(new TextEncoder().encode(publicKeyPem)),
    ],
    [
      'HS256 signed with the RSA public key (JWK JSON)',
      async () =>
        new SignJWT(claims)
          .setProtectedHeader({ alg: 'HS256', kid: publicJwk.kid!, typ: 'JWT' })
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode(JSON.stringify(publicJwk))),
    ],
    [
      'a key id that is not in the JWKS',
      async () =>
        new SignJWT(claims)
          .setProtectedHeader({ alg: 'RS256', kid: 'sso_oidc_key_pair_unknown', typ: 'JWT' })
          .setExpirationTime('5m')
          .setIssuer(ISSUER)
          .sign(strangerKey),
    ],
    [
      'a known key id but a stranger’s signature',
      async () =>
        new SignJWT(claims)
          .setProtectedHeader({ alg: 'RS256', kid: publicJwk.kid!, typ: 'JWT' })
          .setExpirationTime('5m')
          .setIssuer(ISSUER)
          .sign(strangerKey),
    ],
    [
      'a genuine token with its payload swapped',
      async () => {
        const [header, , signature] = (await fake.signAccessToken(claims)).split('.');
        const payload = Buffer.from(
          JSON.stringify({ ...claims, sub: 'user_admin', exp: 9_999_999_999 }),
        ).toString('base64url');
        return `${header}.${payload}.${signature}`;
      },
    ],
    ['not a JWT', async () => 'this.is.not-a-jwt'],
    ['an empty token', async () => ''],
    ['a genuine token without sub', async () => fake.signAccessToken({ sid: 'session_nosub' })],
    [
      'an expired genuine token without sub',
      async () => fake.signAccessToken({ sid: 'session_nosub' }, { expiresInSeconds: -60 }),
    ],
    [
      'a genuine token that is not valid yet',
      async () => fake.signAccessToken({ ...claims, nbf: Math.floor(Date.now() / 1000) + 3600 }),
    ],
  ];

  it.each(forgeries)('%s: signed out, cookie cleared, never refreshed', async (_, forge) => {
    const refreshes = fake.calls.refresh;
    const jwksFetches = fake.calls.jwks;
    const cookie = await core.sealSession({
      accessToken: await forge(),
      // A live refresh token: a refresh would succeed, so a signed-out result proves none was tried.
      refreshToken: (await fake.issueSession()).refreshToken,
      user: makeUser(),
    });
    const result = await core.authenticate(requestWithCookies(`wos-session=${cookie}`));
    expectClearedSignOut(result);
    expect(fake.calls.refresh).toBe(refreshes);
    // An unknown key id costs at most one JWKS reload.
    expect(fake.calls.jwks - jwksFetches).toBeLessThanOrEqual(1);
  });

  it('a wrong issuer is refused when an issuer is configured, and the right one accepted', async () => {
    const session = await fake.issueSession();
    const strict = new AuthKitCore(
      fake.options({ issuer: 'https://api.workos.com/user_management/client_other' }),
    );
    expectClearedSignOut(
      await strict.authenticate(requestWithCookies(`wos-session=${await strict.sealSession(session)}`)),
    );
    const matching = new AuthKitCore(fake.options({ issuer: ['https://issuer.example', ISSUER] }));
    const accepted = await matching.authenticate(
      requestWithCookies(`wos-session=${await matching.sealSession(session)}`),
    );
    expect(accepted.auth?.user.id).toBe('user_ada');
  });

  it('an expired, correctly signed token refreshes instead', async () => {
    const expired = await fake.issueSession({ expired: true });
    const result = await core.authenticate(
      requestWithCookies(`wos-session=${await core.sealSession(expired)}`),
    );
    expect(result.refresh).toBe('led');
    expect(result.auth?.user.id).toBe('user_ada');
    expect(result.auth?.accessToken).not.toBe(expired.accessToken);
    expect(result.setCookies).toEqual([expect.stringMatching(/^wos-session=Fe26\.2\*/)]);
  });
});

const NAMES = [
  'wos-session',
  'wos-session.0',
  'wos-session.1',
  'wos-session.2',
  'wos-session.15',
  'wos-session.x',
  'other',
];

describe('fuzzing', () => {
  let realSeal = '';
  beforeAll(async () => {
    realSeal = await sealedSession();
  });

  const anyText = fc.string({
    unit: fc.nat(0xffff).map((code) => String.fromCharCode(code)),
    maxLength: 300,
  });
  const cookieValue = fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 100 }),
    fc.stringMatching(/^Fe26\.2\*1\*[A-Za-z0-9_*-]{0,300}(~2)?$/),
    fc.constantFrom('', '""', '"Fe26.2*', '%', '%ZZ', '~2', '*******'),
  );
  const cookieHeader = fc
    .array(
      fc.oneof(
        fc.tuple(fc.constantFrom(...NAMES), cookieValue).map(([name, value]) => `${name}=${value}`),
        fc.string({ maxLength: 50 }),
      ),
      { maxLength: 8 },
    )
    .chain((parts) => fc.constantFrom('; ', ';', ',').map((separator) => parts.join(separator)));

  it('authenticate never throws and never signs anyone in on arbitrary Cookie headers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(cookieHeader, anyText), async (header) => {
        const result = await core.authenticate({ headers: new RawCookieHeaders(header) });
        expect(result.auth).toBeNull();
        for (const setCookie of result.setCookies) expect(setCookie).toMatch(/Max-Age=0/);
      }),
      { numRuns: 300 },
    );
  });

  it('authenticate refuses a real seal with any one character of its body changed', async () => {
    const body = realSeal.slice(0, realSeal.lastIndexOf('~'));
    // Positions whose neighbours are not separators: the last character of a base64 field may carry padding bits only.
    const positions = [...body]
      .map((_, index) => index)
      .filter((index) => !/[*~]/.test(body[index - 1] ?? '*') && !/[*~]/.test(body[index + 1] ?? '*'))
      .filter((index) => body[index] !== '*');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...positions), async (position) => {
        const result = await core.authenticate(
          requestWithCookies(`wos-session=${flipAt(realSeal, position)}`),
        );
        expect(result.auth).toBeNull();
      }),
      { numRuns: 150 },
    );
  });

  it('parseCookieHeader never throws and returns trimmed, non-empty names', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, cookieHeader), (header) => {
        const cookies = parseCookieHeader(header);
        for (const [name, value] of cookies) {
          expect(name).not.toBe('');
          expect(name).toBe(name.trim());
          expect(typeof value).toBe('string');
        }
      }),
      { numRuns: 1000 },
    );
    expect(parseCookieHeader(null).size).toBe(0);
    expect(parseCookieHeader(undefined).size).toBe(0);
  });

  const cookieName = fc.stringMatching(/^[!#$&'*+\-.^_`|~0-9A-Za-z]{1,20}$/);
  const anyValue = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }));

  it('serializeSetCookie → parseSetCookie round-trips arbitrary values and writes only cookie-octets', () => {
    fc.assert(
      fc.property(
        cookieName,
        anyValue,
        fc.option(fc.integer({ min: -10, max: 10_000_000 })),
        (name, value, maxAge) => {
          const setCookie = serializeSetCookie(name, value, maxAge === null ? {} : { maxAgeSeconds: maxAge });
          const [pair] = setCookie.split('; ');
          // RFC 6265 cookie-value: no whitespace, DQUOTE, comma, semicolon or backslash.
          expect(pair!.slice(name.length + 1)).toMatch(/^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*$/);
          const parsed = parseSetCookie(setCookie);
          expect(parsed?.name).toBe(name);
          expect(parsed?.value).toBe(value);
          if (maxAge !== null) expect(parsed?.maxAgeSeconds).toBe(maxAge);
          // What a browser sends back reads as the same value.
          expect(parseCookieHeader(`x=1; ${pair}`).get(name)).toBe(name === 'x' ? '1' : value);
        },
      ),
      {
        numRuns: 1000,
        examples: [
          ['a', '%41', null],
          ['a', '100%', null],
          ['a', '"quoted"', 0],
          ['a', ' padded ', null],
          ['a', 'x;y=z', null],
        ],
      },
    );
  });

  it('applySetCookiesToCookieHeader yields what a browser would send next', () => {
    const operation = fc.oneof(
      fc.tuple(cookieName, anyValue).map(([name, value]) => ({ name, value: value as string | null })),
      cookieName.map((name) => ({ name, value: null as string | null })),
    );
    const jar = fc.uniqueArray(fc.tuple(cookieName, anyValue), { selector: ([name]) => name, maxLength: 6 });
    fc.assert(
      fc.property(jar, fc.array(operation, { maxLength: 6 }), (initial, operations) => {
        const header = initial
          .map(([name, value]) => serializeSetCookie(name, value).split('; ')[0])
          .join('; ');
        const expected = new Map(initial);
        const setCookies = operations.map(({ name, value }) => {
          if (value === null) {
            expected.delete(name);
            return serializeSetCookie(name, '', { maxAgeSeconds: 0 });
          }
          expected.set(name, value);
          return serializeSetCookie(name, value, { maxAgeSeconds: 60 });
        });
        const next = applySetCookiesToCookieHeader(header, setCookies);
        expect(Object.fromEntries(parseCookieHeader(next))).toEqual(Object.fromEntries(expected));
      }),
      {
        numRuns: 500,
        examples: [
          [[['prefs', '{"a":1;"b":2}']], []],
          [[['a', ' ']], []],
          [[['a', '%41']], [{ name: 'b', value: 'c%3Bd' }]],
        ],
      },
    );
  });

  it('applySetCookiesToCookieHeader: sets, replaces, deletes, keeps the rest and ignores nameless values', () => {
    const next = applySetCookiesToCookieHeader('theme=dark; wos-session=old; wos-session.0=stale; lang=fr', [
      'wos-session=new; Path=/; HttpOnly; SameSite=Lax',
      'wos-session.0=; Path=/; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
      'lang=; Max-Age=-1',
      'added=1; Path=/',
      '=nameless; Path=/',
      'garbage',
    ]);
    expect(next).toBe('theme=dark; wos-session=new; added=1');
    expect(applySetCookiesToCookieHeader(null, ['a=1'])).toBe('a=1');
    expect(applySetCookiesToCookieHeader('a=1', [])).toBe('a=1');
  });
});
