import { checkPrimeSync, createHmac, createPrivateKey, type JsonWebKey, type KeyObject } from 'node:crypto';

const PUBLIC_EXPONENT = 65537n;
const PRIME_BITS = 1024;
// Bounds the search: a 1024-bit prime is found within a few hundred candidates on average.
const MAX_CANDIDATES = 100_000;

/**
 * Derives a 2048-bit RSA private key deterministically from a seed string, so an emulator
 * started again with the same seed serves the same JWKS and keeps accepting tokens it
 * signed before the restart. Candidates come from HMAC-SHA256 in counter mode; primality is
 * checked by OpenSSL (`checkPrimeSync`).
 *
 * Anyone who knows the seed can sign tokens: this is for local development and tests only.
 */
export function deriveRsaPrivateJwk(seed: string): JsonWebKey {
  const cached = derived.get(seed);
  if (cached) return cached;
  const jwk = computeRsaPrivateJwk(seed);
  derived.set(seed, jwk);
  return jwk;
}

// The search costs 100–300 ms; a process that starts many emulators (a test suite) pays it once per seed.
const derived = new Map<string, JsonWebKey>();

function computeRsaPrivateJwk(seed: string): JsonWebKey {
  const p = derivePrime(seed, 'p');
  let q = derivePrime(seed, 'q');
  if (q === p) q = derivePrime(seed, 'q2');
  const n = p * q;
  const phi = (p - 1n) * (q - 1n);
  const d = modInverse(PUBLIC_EXPONENT, phi);
  return {
    kty: 'RSA',
    n: toBase64Url(n),
    e: toBase64Url(PUBLIC_EXPONENT),
    d: toBase64Url(d),
    p: toBase64Url(p),
    q: toBase64Url(q),
    dp: toBase64Url(d % (p - 1n)),
    dq: toBase64Url(d % (q - 1n)),
    qi: toBase64Url(modInverse(q, p)),
  };
}

/** {@link deriveRsaPrivateJwk}, imported as a Node `KeyObject`. */
export function deriveRsaPrivateKey(seed: string): KeyObject {
  return createPrivateKey({ key: deriveRsaPrivateJwk(seed), format: 'jwk' });
}

function derivePrime(seed: string, label: string): bigint {
  const bytes = Buffer.alloc(PRIME_BITS / 8);
  for (let block = 0; block * 32 < bytes.length; block++) {
    createHmac('sha256', seed)
      .update(`${label}:${block}`)
      .digest()
      .copy(bytes, block * 32);
  }
  // Top two bits set so that p·q has exactly 2048 bits; odd.
  bytes[0] = (bytes[0] ?? 0) | 0xc0;
  bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) | 1;
  let candidate = BigInt(`0x${bytes.toString('hex')}`);
  for (let i = 0; i < MAX_CANDIDATES; i++, candidate += 2n) {
    if ((candidate - 1n) % PUBLIC_EXPONENT === 0n) continue;
    if (checkPrimeSync(candidate, { checks: 40 })) return candidate;
  }
  throw new Error('No prime found for the signing key seed.');
}

function modInverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [((a % m) + m) % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const quotient = oldR / r;
    [oldR, r] = [r, oldR - quotient * r];
    [oldS, s] = [s, oldS - quotient * s];
  }
  if (oldR !== 1n) throw new Error('Not invertible.');
  return ((oldS % m) + m) % m;
}

function toBase64Url(value: bigint): string {
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  return Buffer.from(hex, 'hex').toString('base64url');
}
