import { readdir, readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { builtinModules } from 'node:module';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { EdgeVM } from '@edge-runtime/vm';
import { rolldown } from 'rolldown';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthKitCore, type Session, unsealSession } from '../src/index.ts';
import { COOKIE_PASSWORD, createFakeWorkOS, type FakeWorkOS } from './fake-workos.ts';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const SOURCE_DIR = fileURLToPath(new URL('../src/', import.meta.url));
const EDGE_CONDITIONS = ['edge-light', 'worker', 'browser', 'import', 'default'];

/** Core's entry bundled the way an edge deployment bundles it: browser platform, edge export conditions. */
async function bundleForEdge(): Promise<{ code: string; warnings: string[] }> {
  const warnings: string[] = [];
  const bundle = await rolldown({
    input: `${SOURCE_DIR}index.ts`,
    platform: 'browser',
    resolve: { conditionNames: EDGE_CONDITIONS },
    onLog: (level, log) => {
      if (level === 'warn') warnings.push(`${log.code ?? ''}: ${log.message}`);
    },
  });
  try {
    const { output } = await bundle.generate({ format: 'iife', name: 'AuthKit' });
    return { code: output[0].code, warnings };
  } finally {
    await bundle.close();
  }
}

/** What the scenario running inside the VM receives, as JSON text: only strings cross the realm boundary. */
interface EdgeInput {
  password: string;
  /** Port of a loopback WorkOS: JWKS and `/user_management/authenticate`, spoken to by the SDK. */
  apiPort: number;
  nodeSealed: string;
  expiredSealed: string;
  sdkExpiredSealed: string;
  fresh: Session;
}

/**
 * WorkOS over loopback HTTP for the SDK inside the VM: the fake's JWKS, and a refresh endpoint that
 * answers one known refresh token in WorkOS's wire format.
 */
async function startWireWorkOS(
  fake: FakeWorkOS,
  refresh: { refreshToken: string; answer: Session },
): Promise<{ server: Server; port: number; refreshCalls: () => number }> {
  let refreshCalls = 0;
  const readBody = (request: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let body = '';
      request.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      request.on('end', () => resolve(body));
    });
  const server = createServer(async (request, response) => {
    if (request.url?.startsWith('/sso/jwks/')) {
      const jwks = await (await fetch(fake.jwksUrl)).text();
      response.writeHead(200, { 'content-type': 'application/json' }).end(jwks);
      return;
    }
    if (request.method === 'POST' && request.url === '/user_management/authenticate') {
      refreshCalls++;
      const body = JSON.parse(await readBody(request)) as Record<string, string>;
      if (body.grant_type !== 'refresh_token' || body.refresh_token !== refresh.refreshToken) {
        response
          .writeHead(400, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: 'invalid_grant', error_description: 'Invalid refresh token' }));
        return;
      }
      const { user, accessToken, refreshToken } = refresh.answer;
      response.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          user: {
            object: 'user',
            id: user.id,
            email: user.email,
            email_verified: user.emailVerified,
            first_name: user.firstName,
            last_name: user.lastName,
            profile_picture_url: null,
            last_sign_in_at: null,
            locale: null,
            external_id: null,
            metadata: { plan: 'pro' },
            created_at: user.createdAt,
            updated_at: user.updatedAt,
          },
          organization_id: null,
          access_token: accessToken,
          refresh_token: refreshToken,
          authentication_method: 'Password',
          impersonator: { email: 'support@example.com', reason: 'ticket 7' },
        }),
      );
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, refreshCalls: () => refreshCalls };
}

interface EdgeOutput {
  runtime: string;
  hasRequire: boolean;
  hasProcess: boolean;
  unsealedUserId: string;
  viaSdk: { userId: string | null; accessToken: string | null; setCookies: number };
  tampered: { auth: boolean; cleared: boolean };
  refreshed: { refresh: string | null; roles: string[]; userId: string | null; sealed: string | null };
  sdkRefreshed: { refresh: string | null; error: string | null; sealed: string | null };
  edgeSealed: string;
}

// Runs inside the edge VM. Only web APIs are available there: no require, no process, no Buffer.
const SCENARIO = /* js */ `
(async (inputText) => {
  const input = JSON.parse(inputText);
  const { AuthKitCore, sealSession, unsealSession } = AuthKit;
  const sessionCookieValue = (result) => {
    const found = result.setCookies.find((cookie) => cookie.startsWith('wos-session='));
    return found ? found.split(';')[0].slice('wos-session='.length) : null;
  };
  const base = {
    clientId: 'client_test',
    apiKey: 'sk_test_edge',
    redirectUri: 'http://localhost:3000/callback',
    cookiePassword: input.password,
  };
  const request = (cookie) => new Request('http://localhost:3000/account', { headers: { cookie } });

  const unsealed = await unsealSession(input.nodeSealed, [input.password]);

  // The default WorkOS port (the SDK's worker build) pointed at the fake's JWKS on loopback.
  const sdkCore = new AuthKitCore({ ...base, apiHostname: '127.0.0.1', apiHttps: false, apiPort: input.apiPort });
  const viaSdk = await sdkCore.authenticate(request('wos-session=' + input.nodeSealed));

  // A refresh through the SDK: its response (parsed by the runtime's fetch) is sealed into the new cookie.
  let sdkRefreshed;
  try {
    const result = await sdkCore.authenticate(request('wos-session=' + input.sdkExpiredSealed));
    sdkRefreshed = { refresh: result.refresh ?? null, error: null, sealed: sessionCookieValue(result) };
  } catch (error) {
    sdkRefreshed = { refresh: null, error: String(error) + ' / ' + String(error.cause), sealed: null };
  }

  const flipped = input.nodeSealed.slice(0, 60) + (input.nodeSealed[60] === 'A' ? 'B' : 'A') + input.nodeSealed.slice(61);
  const tampered = await sdkCore.authenticate(request('wos-session=' + flipped));

  // A WorkOS port written here, in the VM: the refresh path runs without the SDK.
  let refreshCalls = 0;
  const port = {
    async authenticateWithRefreshToken() {
      refreshCalls++;
      return { ...input.fresh };
    },
    async authenticateWithCode() {
      throw new Error('not used');
    },
    getAuthorizationUrl: () => 'https://fake.workos.test/authorize',
    getLogoutUrl: () => 'https://fake.workos.test/logout',
    getJwksUrl: () => 'http://127.0.0.1:' + input.apiPort + '/sso/jwks/client_test',
  };
  const portCore = new AuthKitCore({ ...base, workosApi: port });
  const results = await Promise.all(
    Array.from({ length: 5 }, () => portCore.authenticate(request('wos-session=' + input.expiredSealed))),
  );
  // Which of the five leads depends on how the runtime schedules their unseals; exactly one does.
  const refreshed = results.find((result) => result.refresh === 'led') ?? results[0];

  return JSON.stringify({
    runtime: typeof EdgeRuntime === 'string' ? EdgeRuntime : 'unknown',
    hasRequire: typeof require !== 'undefined',
    hasProcess: typeof process !== 'undefined',
    unsealedUserId: unsealed.user.id,
    viaSdk: {
      userId: viaSdk.auth ? viaSdk.auth.user.id : null,
      accessToken: viaSdk.auth ? viaSdk.auth.accessToken : null,
      setCookies: viaSdk.setCookies.length,
    },
    tampered: {
      auth: tampered.auth !== null,
      cleared: tampered.setCookies.length === 1 && /Max-Age=0/.test(tampered.setCookies[0]),
    },
    refreshed: {
      refresh: refreshCalls === 1 && results.every((result) => result.auth) ? refreshed.refresh : null,
      roles: results.map((result) => result.refresh).sort(),
      userId: refreshed.auth ? refreshed.auth.user.id : null,
      sealed: sessionCookieValue(refreshed),
    },
    sdkRefreshed,
    edgeSealed: await sealSession(unsealed, [input.password]),
  });
})
`;

describe('core in an edge runtime', () => {
  let fake: FakeWorkOS;
  let bundled: { code: string; warnings: string[] };

  beforeAll(async () => {
    [fake, bundled] = await Promise.all([createFakeWorkOS(), bundleForEdge()]);
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('bundles for edge conditions without Node built-ins', () => {
    expect(bundled.warnings.filter((warning) => /UNRESOLVED_IMPORT|node:/i.test(warning))).toEqual([]);
    expect(bundled.code).not.toMatch(
      /\brequire\(\s*["'](node:)?(crypto|buffer|http|https|fs|net|stream|util)["']/,
    );
    expect(bundled.code).not.toMatch(/\bimport\s*(?:[\w{},*\s]+from\s*)?["']node:/);
  });

  it('unseals a Node cookie, verifies its token against the JWKS, refreshes and seals inside EdgeVM', async () => {
    const core = new AuthKitCore(fake.options());
    const session = await fake.issueSession({ organizationId: 'org_alpha' });
    const expired = await fake.issueSession({ expired: true });
    const fresh = await fake.issueSession();
    const sdkExpired = await fake.issueSession({ expired: true });
    const sdkFresh = await fake.issueSession();
    const wire = await startWireWorkOS(fake, { refreshToken: sdkExpired.refreshToken, answer: sdkFresh });
    try {
      const input: EdgeInput = {
        password: COOKIE_PASSWORD,
        apiPort: wire.port,
        nodeSealed: await core.sealSession(session),
        expiredSealed: await core.sealSession(expired),
        sdkExpiredSealed: await core.sealSession(sdkExpired),
        fresh,
      };
      const jwksBefore = fake.calls.jwks;

      const vm = new EdgeVM();
      vm.evaluate(bundled.code);
      const run = vm.evaluate<(inputText: string) => Promise<string>>(SCENARIO);
      const output = JSON.parse(await run(JSON.stringify(input))) as EdgeOutput;

      expect(output.runtime).toBe('edge-runtime');
      expect(output.hasRequire).toBe(false);
      expect(output.hasProcess).toBe(false);
      expect(output.unsealedUserId).toBe(session.user.id);
      expect(output.viaSdk).toEqual({
        userId: session.user.id,
        accessToken: session.accessToken,
        setCookies: 0,
      });
      // The VM's own fetch reached the JWKS: once for the SDK-backed core, once for the port-backed one.
      expect(fake.calls.jwks - jwksBefore).toBe(2);
      expect(output.tampered).toEqual({ auth: false, cleared: true });

      // Refresh through a port written in the VM.
      expect(output.refreshed.refresh).toBe('led');
      // One request led the refresh; the other four shared its result (in flight, or from the replay window).
      expect(output.refreshed.roles.filter((role) => role === 'led')).toHaveLength(1);
      expect(output.refreshed.roles.filter((role) => role === 'joined' || role === 'replayed')).toHaveLength(
        4,
      );
      expect(output.refreshed.userId).toBe(fresh.user.id);
      const refreshedSession = await unsealSession(output.refreshed.sealed!, [COOKIE_PASSWORD]);
      expect(refreshedSession.accessToken).toBe(fresh.accessToken);
      expect(refreshedSession.refreshToken).toBe(fresh.refreshToken);

      // Refresh through the SDK over HTTP: the response objects come from the runtime's fetch.
      expect(output.sdkRefreshed).toMatchObject({ error: null, refresh: 'led' });
      expect(wire.refreshCalls()).toBe(1);
      const sdkSession = await unsealSession(output.sdkRefreshed.sealed!, [COOKIE_PASSWORD]);
      expect(sdkSession).toMatchObject({
        accessToken: sdkFresh.accessToken,
        refreshToken: sdkFresh.refreshToken,
        user: { id: sdkFresh.user.id, metadata: { plan: 'pro' } },
        impersonator: { email: 'support@example.com', reason: 'ticket 7' },
      });

      // A cookie sealed in the VM reads back in Node.
      expect(await unsealSession(output.edgeSealed, [COOKIE_PASSWORD])).toEqual(session);
    } finally {
      await new Promise<void>((resolve) => wire.server.close(() => resolve()));
    }
  });
});

describe('core stays edge-safe', () => {
  it('is compiled without Node types', async () => {
    const config = JSON.parse(await readFile(`${PACKAGE_DIR}tsconfig.build.json`, 'utf8')) as {
      compilerOptions?: { types?: unknown };
    };
    expect(config.compilerOptions?.types).toEqual([]);
  });

  it('imports no Node built-in module from any source file', async () => {
    const builtins = new Set(builtinModules);
    const files = (await readdir(SOURCE_DIR, { recursive: true })).filter((file) => /\.[cm]?ts$/.test(file));
    expect(files.length).toBeGreaterThan(10);
    const offenders: string[] = [];
    for (const file of files) {
      const text = await readFile(`${SOURCE_DIR}${file}`, 'utf8');
      const specifiers = [
        ...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g),
      ].map((match) => match[1]!);
      for (const specifier of specifiers) {
        if (specifier.startsWith('node:') || builtins.has(specifier.split('/')[0]!)) {
          offenders.push(`${file}: ${specifier}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
