import { base64UrlToBytes } from './base64url.js';
import { MIN_RSA_MODULUS_BITS, type SignatureEngine } from './signature-engine.js';

const RS256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** RS256 on Web Crypto (edge runtimes): `CryptoKey`s imported once per key. */
export function createWebSignatureEngine(subtle: SubtleCrypto = crypto.subtle): SignatureEngine<CryptoKey> {
  return {
    name: 'web',
    async importRsaKey({ n, e }) {
      try {
        const key = await subtle.importKey('jwk', { kty: 'RSA', n, e, ext: true }, RS256, false, ['verify']);
        const bits = (key.algorithm as RsaHashedKeyAlgorithm).modulusLength;
        return bits >= MIN_RSA_MODULUS_BITS ? key : undefined;
      } catch {
        return undefined;
      }
    },
    async verifyRs256(key, signingInput, signature) {
      return subtle.verify(RS256, key, base64UrlToBytes(signature), encoder.encode(signingInput));
    },
    decodeText(base64url) {
      return decoder.decode(base64UrlToBytes(base64url));
    },
  };
}
