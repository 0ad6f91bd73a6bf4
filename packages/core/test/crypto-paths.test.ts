import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sessionEncryption } from '@workos/authkit-session';
import fc from 'fast-check';
import { sealData as ironSessionSeal, unsealData as ironSessionUnseal } from 'iron-session';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessTokenVerifier } from '../src/access-token.ts';
import { isAuthKitError } from '../src/errors.ts';
import { sealData, unsealData } from '../src/iron.ts';
import type { IronEngine } from '../src/iron-format.ts';
import { createNodeIronEngine } from '../src/iron-node.ts';
import { createWebIronEngine } from '../src/iron-web.ts';
import { nodeBuiltins } from '../src/node-crypto.ts';
import type { SignatureEngine } from '../src/signature-engine.ts';
import { createNodeSignatureEngine } from '../src/signature-node.ts';
import { createWebSignatureEngine } from '../src/signature-web.ts';
import { COOKIE_PASSWORD } from './fake-workos.ts';

// The two crypto paths of core, side by side in one process: node:crypto (Node, Bun, Deno) and
// Web Crypto (edge runtimes). They must read and write the same bytes and decide alike.
if (!nodeBuiltins) throw new Error('These tests run on Node, where node:crypto must be found');
const IRON: Record<'node' | 'web', IronEngine> = {
  node: createNodeIronEngine(nodeBuiltins),
  web: createWebIronEngine(),
};
const SIGNATURE: Record<'node' | 'web', SignatureEngine> = {
  node: createNodeSignatureEngine(nodeBuiltins),
  web: createWebSignatureEngine(),
};
const OTHER_PASSWORD = 'another-cookie-password-of-at-least-32-chars';
const engineName = fc.constantFrom<'node' | 'web'>('node', 'web');

/** Session-shaped data with awkward strings (unicode across AES blocks, JSON escapes). */
const sessionData = fc
  .record({
    accessToken: fc.string({ maxLength: 300 }),
    refreshToken: fc.string({ unit: 'grapheme', maxLength: 64 }),
    user: fc.record({
      id: fc.string({ minLength: 1, maxLength: 40 }),
      email: fc.string({ unit: 'binary', maxLength: 60 }),
      metadata: fc.dictionary(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
    }),
  })
  // What JSON can carry (a seal holds JSON: -0 comes back as 0).
  .map((data) => JSON.parse(JSON.stringify(data)) as unknown);

type Outcome = { ok: true; data: unknown } | { ok: false };

async function outcome(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, data: await run() };
  } catch {
    return { ok: false };
  }
}

/** Ways an attacker or a broken proxy changes a cookie. */
const tampering = fc.oneof(
  fc.record({
    kind: fc.constant('replace' as const),
    at: fc.nat(),
    char: fc.constantFrom('A', 'b', '-', '_', '*', '~', '=', '!'),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    char: fc.constantFrom('A', '*', '=', '~', '%'),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap-parts' as const), at: fc.nat(), other: fc.nat() }),
);

type Tampering = typeof tampering extends fc.Arbitrary<infer T> ? T : never;

function tamper(sealed: string, change: Tampering): string {
  const at = change.at % (sealed.length + 1);
  switch (change.kind) {
    case 'replace':
      return sealed.slice(0, at) + change.char + sealed.slice(at + 1);
    case 'insert':
      return sealed.slice(0, at) + change.char + sealed.slice(at);
    case 'delete':
      return sealed.slice(0, at) + sealed.slice(at + 1);
    case 'truncate':
      return sealed.slice(0, at);
    default: {
      const parts = sealed.split('*');
      const i = change.at % parts.length;
      const j = change.other % parts.length;
      [parts[i], parts[j]] = [parts[j]!, parts[i]!];
      return parts.join('*');
    }
  }
}

describe('iron: node:crypto and Web Crypto paths', () => {
  it('a seal of either path opens on both, with every password of the rotation list', async () => {
    await fc.assert(
      fc.asyncProperty(sessionData, engineName, fc.boolean(), async (data, sealer, rotated) => {
        const passwords = rotated ? [OTHER_PASSWORD, COOKIE_PASSWORD] : [COOKIE_PASSWORD];
        const sealed = await sealData(data, [COOKIE_PASSWORD], IRON[sealer]);
        expect(sealed).toMatch(/^Fe26\.2\*1\*[0-9a-f]{64}\*[\w-]{22}\*[\w-]+\*\*[0-9a-f]{64}\*[\w-]{43}~2$/);
        expect(await unsealData(sealed, passwords, IRON.node)).toEqual(data);
        expect(await unsealData(sealed, passwords, IRON.web)).toEqual(data);
      }),
      { numRuns: 150 },
    );
  });

  it('a tampered seal gets the same decision from both paths', async () => {
    await fc.assert(
      fc.asyncProperty(sessionData, engineName, tampering, async (data, sealer, change) => {
        const tampered = tamper(await sealData(data, [COOKIE_PASSWORD], IRON[sealer]), change);
        const passwords = [OTHER_PASSWORD, COOKIE_PASSWORD];
        const onNode = await outcome(() => unsealData(tampered, passwords, IRON.node));
        const onWeb = await outcome(() => unsealData(tampered, passwords, IRON.web));
        expect(onNode).toEqual(onWeb);
        // What still opens is only a different spelling of the same seal, never other data.
        if (onNode.ok) expect(onNode.data).toEqual(data);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a seal under an unknown password on both paths', async () => {
    await fc.assert(
      fc.asyncProperty(sessionData, engineName, async (data, sealer) => {
        const sealed = await sealData(data, [OTHER_PASSWORD], IRON[sealer]);
        expect(await outcome(() => unsealData(sealed, [COOKIE_PASSWORD], IRON.node))).toEqual({ ok: false });
        expect(await outcome(() => unsealData(sealed, [COOKIE_PASSWORD], IRON.web))).toEqual({ ok: false });
      }),
      { numRuns: 30 },
    );
  });
});

describe('iron: both paths and the WorkOS kits read each other', () => {
  const kits = {
    // @workos/authkit-session, as its README seals the session.
    'authkit-session': {
      seal: (data: unknown) => sessionEncryption.sealData(data, { password: COOKIE_PASSWORD }),
      unseal: (sealed: string) => sessionEncryption.unsealData(sealed, { password: COOKIE_PASSWORD }),
    },
    // iron-session, configured as @workos-inc/authkit-nextjs configures it.
    'iron-session': {
      seal: (data: unknown) =>
        ironSessionSeal(data as Record<string, unknown>, { password: COOKIE_PASSWORD, ttl: 0 }),
      unseal: (sealed: string) => ironSessionUnseal(sealed, { password: COOKIE_PASSWORD }),
    },
  };

  it.each(Object.keys(kits) as Array<keyof typeof kits>)(
    '%s seals → both paths open; both paths seal → it opens',
    async (kit) => {
      await fc.assert(
        fc.asyncProperty(sessionData, engineName, async (data, engine) => {
          const theirs = await kits[kit].seal(data);
          expect(await unsealData(theirs, [COOKIE_PASSWORD], IRON[engine])).toEqual(data);
          const ours = await sealData(data, [COOKIE_PASSWORD], IRON[engine]);
          expect(await kits[kit].unseal(ours)).toEqual(data);
        }),
        { numRuns: 40 },
      );
    },
  );
});

describe('access tokens: node:crypto and Web Crypto paths', () => {
  const CLIENT_ID = 'client_paths';
  const NOW_MS = Date.UTC(2026, 0, 1, 12);
  const NOW = NOW_MS / 1000;
  const RS256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
  let server: Server;
  let jwksUrl: string;
  const signers = new Map<string, CryptoKey>();

  const generate = async (kid: string, modulusLength: number) => {
    const pair = await crypto.subtle.generateKey(
      { ...RS256, modulusLength, publicExponent: new Uint8Array([1, 0, 1]) },
      true,
      ['sign', 'verify'],
    );
    signers.set(kid, pair.privateKey);
    return { ...(await crypto.subtle.exportKey('jwk', pair.publicKey)), kid, use: 'sig', alg: 'RS256' };
  };

  beforeAll(async () => {
    // A stranger's key is never published: tokens it signs must fail on both paths.
    const stranger = await generate('stranger', 2048);
    const published = [await generate('k1', 2048), await generate('k2', 3072), await generate('weak', 1024)];
    expect(stranger.kid).toBe('stranger');
    const body = JSON.stringify({ keys: published });
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sso/jwks/${CLIENT_ID}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  async function sign(header: Record<string, unknown>, payload: Record<string, unknown>, signer: string) {
    const input = `${encode(header)}.${encode(payload)}`;
    const signature = await crypto.subtle.sign(RS256, signers.get(signer)!, new TextEncoder().encode(input));
    return `${input}.${Buffer.from(signature).toString('base64url')}`;
  }

  /** Mostly the valid value, sometimes one of the others: most tokens get far enough to test the later rules. */
  const mostly = <T>(valid: T, ...others: T[]) =>
    fc.oneof(
      { arbitrary: fc.constant(valid), weight: 12 },
      { arbitrary: fc.constantFrom(...others), weight: 1 },
    );
  const seconds = fc.integer({ min: -7200, max: 7200 }).map((offset) => NOW + offset);
  const claims = fc.record({
    sub: mostly<unknown>('user_1', undefined, '', 42),
    sid: mostly<unknown>('session_1', undefined, '', null),
    iss: fc.constantFrom<unknown>(
      'https://api.workos.com',
      `https://api.workos.com/user_management/${CLIENT_ID}`,
      `https://auth.example.com/user_management/${CLIENT_ID}`,
      'https://auth.example.com',
      'https://api.workos.com/user_management/client_other',
      undefined,
      'not a url',
      7,
    ),
    client_id: mostly<unknown>(undefined, CLIENT_ID, 'client_other', [CLIENT_ID]),
    exp: fc.oneof(
      { arbitrary: seconds, weight: 6 },
      { arbitrary: fc.constantFrom<unknown>(NOW, undefined, 'soon'), weight: 1 },
    ),
    nbf: fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, seconds, fc.constant<unknown>('now')),
    iat: fc.oneof({ arbitrary: fc.constant(undefined), weight: 2 }, seconds, fc.constant<unknown>(null)),
    org_id: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }),
  });
  const token = fc
    .record({
      signer: fc.constantFrom('k1', 'k2', 'weak', 'stranger'),
      kid: mostly<unknown>('signer', 'k1', 'unknown', undefined, 1),
      alg: mostly('RS256', 'HS256', 'none', 'RS384'),
      crit: mostly<unknown>(undefined, ['exp']),
      claims,
      change: fc.option(tampering, { freq: 4 }),
    })
    .map(async ({ signer, kid, alg, crit, claims, change }) => {
      const header = { alg, kid: kid === 'signer' ? signer : kid, typ: 'JWT', crit };
      const signed = await sign(header, claims, signer);
      return change ? tamper(signed, change) : signed;
    });

  type Decision = { status: string; code?: string; message?: string; claims?: unknown };
  const decide = async (verify: ReturnType<typeof createAccessTokenVerifier>, accessToken: string) => {
    try {
      const result = await verify(accessToken);
      return result.status === 'invalid'
        ? ({ status: 'invalid', code: result.error.code, message: result.error.message } satisfies Decision)
        : ({ status: result.status, claims: result.claims } satisfies Decision);
    } catch (error) {
      return { status: 'threw', code: isAuthKitError(error) ? error.code : String(error) } satisfies Decision;
    }
  };

  it('decide alike, with the same error code, on random tokens, claims and tampering', async () => {
    const verifiers = {
      node: createAccessTokenVerifier({
        jwksUrl,
        clientId: CLIENT_ID,
        issuer: undefined,
        now: () => NOW_MS,
        engine: SIGNATURE.node,
      }),
      web: createAccessTokenVerifier({
        jwksUrl,
        clientId: CLIENT_ID,
        issuer: undefined,
        now: () => NOW_MS,
        engine: SIGNATURE.web,
      }),
    };
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(token, async (pending) => {
        const accessToken = await pending;
        const onNode = await decide(verifiers.node, accessToken);
        const onWeb = await decide(verifiers.web, accessToken);
        expect(onNode).toEqual(onWeb);
        seen.add(onNode.status);
      }),
      { numRuns: 400 },
    );
    // The generators reach every kind of decision.
    expect([...seen].sort()).toEqual(['expired', 'invalid', 'threw', 'valid']);
  });

  it('both accept a genuine token of this client and refuse one of a key that is too short', async () => {
    for (const engine of Object.values(SIGNATURE)) {
      const verify = createAccessTokenVerifier({
        jwksUrl,
        clientId: CLIENT_ID,
        issuer: undefined,
        now: () => NOW_MS,
        engine,
      });
      const payload = { sub: 'user_1', sid: 'session_1', iss: 'https://api.workos.com', exp: NOW + 60 };
      expect((await verify(await sign({ alg: 'RS256', kid: 'k2' }, payload, 'k2'))).status).toBe('valid');
      const weak = await verify(await sign({ alg: 'RS256', kid: 'weak' }, payload, 'weak'));
      expect(weak.status === 'invalid' && weak.error.code).toBe('access_token_invalid');
    }
  });
});
