import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  generateKeyPairSync,
  type JsonWebKey,
  type KeyObject,
  sign,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { encodeCrockford } from './create-id.js';
import { deriveRsaPrivateKey } from './derive-rsa-key.js';
import { createSelfSignedCertificate } from './self-signed-certificate.js';

const generateKeyPairAsync = promisify(generateKeyPair);

/** One entry of the JWKS, with every field WorkOS's `JwksResponse` schema requires. */
export interface PublicJwk {
  alg: 'RS256';
  kty: 'RSA';
  use: 'sig';
  kid: string;
  n: string;
  e: string;
  x5c: string[];
  'x5t#S256': string;
}

interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  jwk: PublicJwk;
}

/**
 * Where the first signing key comes from: a private RSA JWK, a path to a JSON file holding
 * one (created with a fresh key when missing), or a seed string the key is derived from.
 */
export type SigningKeySource = { jwk: JsonWebKey } | { path: string } | { seed: string };

/**
 * The emulator's RS256 keys: one active key that signs, plus the keys it replaced, all of
 * which the JWKS serves until they are dropped.
 */
export class SigningKeyRing {
  #active: SigningKey;
  #retired: SigningKey[] = [];

  private constructor(active: SigningKey) {
    this.#active = active;
  }

  /** Loads or derives the first key. */
  static fromSource(source: SigningKeySource): SigningKeyRing {
    return new SigningKeyRing(toSigningKey(loadPrivateKey(source)));
  }

  /** The `kid` of the key that signs new tokens. */
  get activeKid(): string {
    return this.#active.kid;
  }

  /** Replaces the active key with a fresh random one; the old key stays in the JWKS when `retainPrevious`. */
  async rotate(retainPrevious: boolean): Promise<string> {
    const { privateKey } = await generateKeyPairAsync('rsa', { modulusLength: 2048 });
    const previous = this.#active;
    this.#active = toSigningKey(privateKey);
    this.#retired = retainPrevious ? [previous, ...this.#retired] : [];
    return this.#active.kid;
  }

  /** The JWKS document: the active key first. */
  jwks(): { keys: PublicJwk[] } {
    return { keys: [this.#active.jwk, ...this.#retired.map((key) => key.jwk)] };
  }

  /** Signs a compact RS256 JWT with the active key. Synchronous, so issuing tokens never yields. */
  signJwt(payload: Record<string, unknown>): string {
    const header = { alg: 'RS256', kid: this.#active.kid, typ: 'JWT' };
    const signingInput = `${encodeJson(header)}.${encodeJson(payload)}`;
    const signature = sign('sha256', Buffer.from(signingInput), this.#active.privateKey);
    return `${signingInput}.${signature.toString('base64url')}`;
  }
}

function encodeJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function loadPrivateKey(source: SigningKeySource): KeyObject {
  if ('jwk' in source) return createPrivateKey({ key: source.jwk, format: 'jwk' });
  if ('seed' in source) return deriveRsaPrivateKey(source.seed);
  if (existsSync(source.path)) {
    const jwk = JSON.parse(readFileSync(source.path, 'utf8')) as JsonWebKey;
    return createPrivateKey({ key: jwk, format: 'jwk' });
  }
  // A random key persisted on first start; the file is the only copy, so keep it private.
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  mkdirSync(dirname(source.path), { recursive: true });
  writeFileSync(source.path, `${JSON.stringify(key.export({ format: 'jwk' }), null, 2)}\n`, { mode: 0o600 });
  return key;
}

function toSigningKey(privateKey: KeyObject): SigningKey {
  if (privateKey.asymmetricKeyType !== 'rsa')
    throw new TypeError('The signing key must be an RSA private key.');
  const publicKey = createPublicKey(privateKey);
  const publicJwk = publicKey.export({ format: 'jwk' });
  // Production kids look like `sso_oidc_key_pair_01JXWR786PFV2T6FAANMCKF8TT`; deriving the
  // suffix from the modulus keeps the kid stable for a stable key.
  const digest = createHash('sha256').update(String(publicJwk.n)).digest().subarray(0, 16);
  const kid = `sso_oidc_key_pair_01${encodeCrockford(digest, 24)}`;
  const certificate = createSelfSignedCertificate(privateKey, publicKey, kid);
  return {
    kid,
    privateKey,
    jwk: {
      alg: 'RS256',
      kty: 'RSA',
      use: 'sig',
      kid,
      n: String(publicJwk.n),
      e: String(publicJwk.e),
      x5c: [certificate.x5c],
      'x5t#S256': certificate.x5tS256,
    },
  };
}
