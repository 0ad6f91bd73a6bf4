import { isBase64Url } from './base64url.js';

/**
 * The iron `Fe26.2` seal format that iron-session (and so WorkOS's kits) writes, with iron's
 * parameters: AES-256-CBC and HMAC-SHA256 keys each derived with PBKDF2-SHA1 (1 iteration, 256-bit
 * salt written as hex) from the password. This file parses and assembles; the engines do the crypto.
 *
 * `Fe26.2*<password id>*<encryption salt>*<iv>*<ciphertext>*<expiration>*<hmac salt>*<hmac>`
 */
export const IRON_PREFIX = 'Fe26.2';
export const IRON_KEY_BYTES = 32;
export const IRON_SALT_BYTES = 32;
export const IRON_IV_BYTES = 16;
export const IRON_PBKDF2_ITERATIONS = 1;
/** iron's tolerance for a seal's expiration (seals with a TTL). */
const TIMESTAMP_SKEW_MS = 60_000;
const EXPIRATION = /^[1-9]\d*$/;

/** Thrown when a seal fails its integrity check: the only failure another password can fix. */
export class IronHmacError extends Error {
  constructor() {
    super('Bad hmac value');
  }
}

export interface ParsedSeal {
  readonly passwordId: string;
  readonly encryptionSalt: string;
  readonly iv: string;
  readonly ciphertext: string;
  readonly hmacSalt: string;
  readonly hmac: string;
  /** What the HMAC covers: the first six components. */
  readonly macBase: string;
}

/**
 * Splits a seal (without the `~2` suffix) and checks everything that needs no key.
 * @throws {Error} a malformed or expired seal.
 */
export function parseSeal(seal: string, nowMs: number): ParsedSeal {
  const parts = seal.split('*');
  if (parts.length !== 8) throw new Error('Incorrect number of sealed components');
  const [prefix, passwordId, encryptionSalt, iv, ciphertext, expiration, hmacSalt, hmac] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (prefix !== IRON_PREFIX) throw new Error('Wrong mac prefix');
  if (expiration !== '') {
    if (!EXPIRATION.test(expiration)) throw new Error('Invalid expiration');
    if (Number.parseInt(expiration, 10) <= nowMs - TIMESTAMP_SKEW_MS) throw new Error('Expired seal');
  }
  // iron derives from a random salt when the seal's is empty: such a seal never opens.
  if (encryptionSalt === '' || hmacSalt === '') throw new Error('Missing salt');
  if (!isBase64Url(iv) || !isBase64Url(ciphertext) || !isBase64Url(hmac)) {
    throw new Error('Invalid base64url component');
  }
  const macBase = `${prefix}*${passwordId}*${encryptionSalt}*${iv}*${ciphertext}*${expiration}`;
  return { passwordId, encryptionSalt, iv, ciphertext, hmacSalt, hmac, macBase };
}

/** The first six components of a new seal (no expiration: the cookie's Max-Age bounds its life). */
export function sealMacBase(
  passwordId: string,
  encryptionSalt: string,
  iv: string,
  ciphertext: string,
): string {
  return `${IRON_PREFIX}*${passwordId}*${encryptionSalt}*${iv}*${ciphertext}*`;
}

/** The crypto behind a seal; one engine per runtime family. Both write and read the same bytes. */
export interface IronEngine {
  readonly name: 'node' | 'web';
  /** Seals a JSON text; returns the seal without suffix. */
  seal(json: string, password: string, passwordId: string): Promise<string> | string;
  /**
   * Checks the HMAC, then decrypts.
   * @throws {IronHmacError} the password does not fit; any other error: the seal is unusable.
   */
  open(seal: ParsedSeal, password: string): Promise<string> | string;
}
