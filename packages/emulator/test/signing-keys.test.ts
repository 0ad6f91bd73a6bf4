import { createHash, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeProtectedHeader,
  type JSONWebKeySet,
  jwtVerify,
} from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { type Emulator, type PublicJwk, startEmulator } from '../src/index.js';

describe('signing keys and the JWKS', () => {
  const running: Emulator[] = [];
  const dirs: string[] = [];
  async function start(options: Parameters<typeof startEmulator>[0] = {}) {
    const emulator = await startEmulator(options);
    running.push(emulator);
    return emulator;
  }
  async function jwksOf(emulator: Emulator): Promise<{ keys: PublicJwk[] }> {
    return (await fetch(emulator.jwksUrl)).json() as Promise<{ keys: PublicJwk[] }>;
  }
  afterEach(async () => {
    await Promise.all(running.splice(0).map((emulator) => emulator.stop()));
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the same key across restarts, so tokens from before a restart still verify', async () => {
    const first = await start();
    const token = first.issueSession().accessToken;
    const before = await jwksOf(first);
    await first.stop();
    const second = await start();
    expect(await jwksOf(second)).toEqual(before);
    const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(second.jwksUrl)));
    expect(payload.sub).toBeTruthy();

    const other = await start({ signingKeySeed: 'another seed' });
    expect((await jwksOf(other)).keys[0]?.kid).not.toBe(before.keys[0]?.kid);
  });

  it('serves a self-signed certificate that matches the key', async () => {
    const emulator = await start();
    const [key] = (await jwksOf(emulator)).keys;
    if (!key) throw new Error('no key');
    const der = Buffer.from(key.x5c[0] ?? '', 'base64');
    const certificate = new X509Certificate(der);
    expect(certificate.subject).toBe(`CN=${key.kid}`);
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(certificate.publicKey.export({ format: 'jwk' })).toEqual({ kty: 'RSA', n: key.n, e: key.e });
    expect(key['x5t#S256']).toBe(createHash('sha256').update(der).digest('base64url'));
  });

  it('persists a key file and reuses it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'authkit-emulator-'));
    dirs.push(dir);
    const path = join(dir, 'keys', 'signing-key.json');
    const first = await start({ signingKey: path });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ kty: 'RSA', d: expect.any(String) });
    const second = await start({ signingKey: path });
    expect(await jwksOf(second)).toEqual(await jwksOf(first));
    expect((await jwksOf(first)).keys[0]?.kid).not.toBe((await jwksOf(await start())).keys[0]?.kid);
  });

  it('accepts a private JWK', async () => {
    const jwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
    const emulator = await start({ signingKey: jwk });
    const { keys } = await jwksOf(emulator);
    expect(keys[0]?.n).toBe(jwk.n);
    await expect(startEmulator({ signingKey: { kty: 'oct', k: 'AAAA' } })).rejects.toThrow();
  });

  it('rotates: new tokens use the new kid, old tokens still verify while the old key is retained', async () => {
    const emulator = await start();
    const oldToken = emulator.issueSession().accessToken;
    const oldKid = decodeProtectedHeader(oldToken).kid;
    const newKid = await emulator.rotateSigningKey();
    expect(newKid).not.toBe(oldKid);
    const newToken = emulator.issueSession().accessToken;
    expect(decodeProtectedHeader(newToken).kid).toBe(newKid);

    const retained = createLocalJWKSet((await jwksOf(emulator)) as unknown as JSONWebKeySet);
    await expect(jwtVerify(oldToken, retained)).resolves.toBeTruthy();
    await expect(jwtVerify(newToken, retained)).resolves.toBeTruthy();

    await emulator.rotateSigningKey({ retainPrevious: false });
    const dropped = createLocalJWKSet((await jwksOf(emulator)) as unknown as JSONWebKeySet);
    await expect(jwtVerify(oldToken, dropped)).rejects.toMatchObject({ code: 'ERR_JWKS_NO_MATCHING_KEY' });
  });

  it('signs arbitrary tokens, including expired ones', async () => {
    const emulator = await start({ accessTokenTtlSeconds: 60 });
    const jwks = createRemoteJWKSet(new URL(emulator.jwksUrl));
    const token = emulator.signAccessToken({ sub: 'user_custom', org_id: 'org_custom', role: 'owner' });
    const { payload } = await jwtVerify(token, jwks, { issuer: emulator.issuer });
    expect(payload).toMatchObject({ sub: 'user_custom', org_id: 'org_custom', role: 'owner' });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(60);
    const expired = emulator.signAccessToken({}, { expiresInSeconds: -5 });
    await expect(jwtVerify(expired, jwks)).rejects.toMatchObject({ code: 'ERR_JWT_EXPIRED' });
  });

  it('uses the configured issuer and access-token lifetime', async () => {
    const emulator = await start({ issuer: 'https://auth.example.test', accessTokenTtlSeconds: 5 });
    const { payload } = await jwtVerify(
      emulator.issueSession().accessToken,
      createRemoteJWKSet(new URL(emulator.jwksUrl)),
      {
        issuer: 'https://auth.example.test',
      },
    );
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(5);
    const defaults = await start();
    expect(defaults.issuer).toBe(`${defaults.url}/user_management/client_emulator`);
  });
});
