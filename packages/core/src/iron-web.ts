import { base64UrlToBytes, bytesToBase64Url } from './base64url.js';
import {
  IRON_IV_BYTES,
  IRON_KEY_BYTES,
  IRON_PBKDF2_ITERATIONS,
  IRON_SALT_BYTES,
  type IronEngine,
  IronHmacError,
  sealMacBase,
} from './iron-format.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const HMAC_KEY = { name: 'HMAC', hash: 'SHA-256', length: IRON_KEY_BYTES * 8 } as const;
const AES_KEY = { name: 'AES-CBC', length: IRON_KEY_BYTES * 8 } as const;
/** Passwords come from options (a short rotation list); the bound only guards against misuse. */
const MAX_CACHED_PASSWORDS = 16;

function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/**
 * The iron engine on Web Crypto, for edge runtimes. Salts differ per seal, so derived keys cannot
 * be reused; what can is the PBKDF2 import of each password, done once.
 */
export function createWebIronEngine(subtle: SubtleCrypto = crypto.subtle): IronEngine {
  const passwordKeys = new Map<string, Promise<CryptoKey>>();
  const passwordKey = (password: string) => {
    let key = passwordKeys.get(password);
    if (!key) {
      if (passwordKeys.size >= MAX_CACHED_PASSWORDS) passwordKeys.clear();
      key = subtle.importKey('raw', encoder.encode(password), 'PBKDF2', false, ['deriveKey']);
      // A failed import is not remembered.
      key.catch(() => passwordKeys.delete(password));
      passwordKeys.set(password, key);
    }
    return key;
  };
  const deriveKey = async (
    password: string,
    salt: string,
    algorithm: typeof HMAC_KEY | typeof AES_KEY,
    usage: KeyUsage,
  ) =>
    subtle.deriveKey(
      { name: 'PBKDF2', salt: encoder.encode(salt), iterations: IRON_PBKDF2_ITERATIONS, hash: 'SHA-1' },
      await passwordKey(password),
      algorithm,
      false,
      [usage],
    );

  return {
    name: 'web',
    async seal(json, password, passwordId) {
      const encryptionSalt = toHex(crypto.getRandomValues(new Uint8Array(IRON_SALT_BYTES)));
      const hmacSalt = toHex(crypto.getRandomValues(new Uint8Array(IRON_SALT_BYTES)));
      const iv = crypto.getRandomValues(new Uint8Array(IRON_IV_BYTES));
      const [aesKey, hmacKey] = await Promise.all([
        deriveKey(password, encryptionSalt, AES_KEY, 'encrypt'),
        deriveKey(password, hmacSalt, HMAC_KEY, 'sign'),
      ]);
      const ciphertext = new Uint8Array(
        await subtle.encrypt({ name: 'AES-CBC', iv }, aesKey, encoder.encode(json)),
      );
      const macBase = sealMacBase(
        passwordId,
        encryptionSalt,
        bytesToBase64Url(iv),
        bytesToBase64Url(ciphertext),
      );
      const hmac = new Uint8Array(await subtle.sign('HMAC', hmacKey, encoder.encode(macBase)));
      return `${macBase}*${hmacSalt}*${bytesToBase64Url(hmac)}`;
    },
    async open(seal, password) {
      // Derived side by side; the AES key is used only once the HMAC holds.
      const [hmacKey, aesKey] = await Promise.all([
        deriveKey(password, seal.hmacSalt, HMAC_KEY, 'verify'),
        deriveKey(password, seal.encryptionSalt, AES_KEY, 'decrypt'),
      ]);
      // Web Crypto's HMAC verify compares in constant time.
      if (
        !(await subtle.verify('HMAC', hmacKey, base64UrlToBytes(seal.hmac), encoder.encode(seal.macBase)))
      ) {
        throw new IronHmacError();
      }
      const plaintext = await subtle.decrypt(
        { name: 'AES-CBC', iv: base64UrlToBytes(seal.iv) },
        aesKey,
        base64UrlToBytes(seal.ciphertext),
      );
      return decoder.decode(plaintext);
    },
  };
}
