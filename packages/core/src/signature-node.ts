import type { NodeBuiltins, NodeKeyObject } from './node-crypto.js';
import { MIN_RSA_MODULUS_BITS, type SignatureEngine } from './signature-engine.js';

/** RS256 on `node:crypto`: `KeyObject`s made once per key, synchronous verification. */
export function createNodeSignatureEngine({ crypto, Buffer }: NodeBuiltins): SignatureEngine<NodeKeyObject> {
  return {
    name: 'node',
    importRsaKey({ n, e }) {
      try {
        const key = crypto.createPublicKey({ key: { kty: 'RSA', n, e }, format: 'jwk' });
        const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
        return key.asymmetricKeyType === 'rsa' && bits >= MIN_RSA_MODULUS_BITS ? key : undefined;
      } catch {
        return undefined;
      }
    },
    verifyRs256(key, signingInput, signature) {
      try {
        return crypto.verify(
          'sha256',
          Buffer.from(signingInput, 'utf8'),
          key,
          Buffer.from(signature, 'base64url'),
        );
      } catch {
        // A signature Node cannot even parse (wrong length) is simply not valid.
        return false;
      }
    },
    decodeText(base64url) {
      return Buffer.from(base64url, 'base64url').toString('utf8');
    },
  };
}
