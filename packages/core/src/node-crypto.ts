/**
 * `node:crypto`, where the runtime has it (Node, Bun, Deno), without importing it: core stays free
 * of Node imports so it bundles for edge runtimes. Node ≥ 22.3 hands built-in modules out through
 * `process.getBuiltinModule`. Edge runtimes announce themselves (`EdgeRuntime`: Next.js middleware,
 * Vercel) and throw on Node APIs, so `process` is not touched there; they use Web Crypto.
 */

/** The part of `node:crypto`'s API core uses, typed here because core compiles without Node types. */
export interface NodeCrypto {
  createHash(algorithm: 'sha256'): NodeHash;
  /** One-shot digest (Node ≥ 21.7): no Hash object, about a quarter cheaper on the per-request cache key. */
  hash?(algorithm: 'sha256', data: string, outputEncoding: 'base64url'): string;
  createHmac(algorithm: 'sha256', key: NodeBytes): NodeHash;
  pbkdf2Sync(
    password: string,
    salt: string,
    iterations: number,
    keyLength: number,
    digest: 'sha1',
  ): NodeBytes;
  createCipheriv(algorithm: 'aes-256-cbc', key: NodeBytes, iv: NodeBytes): NodeCipher;
  createDecipheriv(algorithm: 'aes-256-cbc', key: NodeBytes, iv: NodeBytes): NodeCipher;
  randomBytes(size: number): NodeBytes;
  timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean;
  createPublicKey(input: { key: { kty: 'RSA'; n: string; e: string }; format: 'jwk' }): NodeKeyObject;
  verify(algorithm: 'sha256', data: Uint8Array, key: NodeKeyObject, signature: Uint8Array): boolean;
}

/** A Node `Buffer`, as far as core uses it. */
export interface NodeBytes extends Uint8Array<ArrayBuffer> {
  toString(encoding?: 'base64url' | 'hex' | 'utf8'): string;
}

export interface NodeHash {
  update(data: string | Uint8Array): NodeHash;
  digest(): NodeBytes;
  digest(encoding: 'base64url'): string;
}

export interface NodeCipher {
  update(data: string | Uint8Array): NodeBytes;
  update(data: Uint8Array, inputEncoding: undefined, outputEncoding: 'utf8'): string;
  final(): NodeBytes;
  final(outputEncoding: 'utf8'): string;
}

export interface NodeKeyObject {
  readonly type: string;
  readonly asymmetricKeyType?: string;
  readonly asymmetricKeyDetails?: { modulusLength?: number };
}

/** The part of `node:buffer`'s `Buffer` core uses. */
export interface NodeBuffer {
  from(text: string, encoding: 'base64url' | 'utf8'): NodeBytes;
  concat(chunks: readonly Uint8Array[]): NodeBytes;
}

export interface NodeBuiltins {
  crypto: NodeCrypto;
  Buffer: NodeBuffer;
}

const NODE_CRYPTO_FUNCTIONS: ReadonlyArray<keyof NodeCrypto> = [
  'createHash',
  'createHmac',
  'pbkdf2Sync',
  'createCipheriv',
  'createDecipheriv',
  'randomBytes',
  'timingSafeEqual',
  'createPublicKey',
  'verify',
];

function loadNodeBuiltins(): NodeBuiltins | undefined {
  if ((globalThis as { EdgeRuntime?: unknown }).EdgeRuntime !== undefined) return undefined;
  try {
    const host = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    if (typeof host?.getBuiltinModule !== 'function') return undefined;
    const crypto = host.getBuiltinModule('node:crypto') as Partial<NodeCrypto> | undefined;
    const buffer = host.getBuiltinModule('node:buffer') as { Buffer?: NodeBuffer } | undefined;
    // Runtimes with a partial `node:crypto` (compatibility layers) use Web Crypto instead.
    if (!crypto || !NODE_CRYPTO_FUNCTIONS.every((name) => typeof crypto[name] === 'function'))
      return undefined;
    if (typeof buffer?.Buffer?.from !== 'function' || typeof buffer.Buffer.concat !== 'function')
      return undefined;
    return { crypto: crypto as NodeCrypto, Buffer: buffer.Buffer };
  } catch {
    return undefined;
  }
}

/** Node's crypto and Buffer, or undefined on runtimes without them (edge). Looked up once. */
export const nodeBuiltins: NodeBuiltins | undefined = loadNodeBuiltins();
