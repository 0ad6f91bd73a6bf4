/** Small Web Crypto helpers: hashing, random tokens and constant-time comparison. Edge-safe. */

const encoder = new TextEncoder();

export function base64UrlEncode(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

interface NodeHash {
  update(data: string): NodeHash;
  digest(encoding: 'base64url'): string;
}

// Hashing sits on the hot path (every request hashes its cookie for the verified-session cache).
// Web Crypto's digest is asynchronous and, on Node, runs on the thread pool: about 6× the cost of
// a synchronous hash. Node ≥ 22.3 hands its crypto module out without an import, which keeps this
// file free of Node imports; edge runtimes, which have no `process`, use Web Crypto.
const createNodeHash = (() => {
  // Edge runtimes announce themselves (Next.js middleware, Vercel) and throw on Node APIs.
  if ((globalThis as { EdgeRuntime?: unknown }).EdgeRuntime !== undefined) return undefined;
  try {
    const host = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const nodeCrypto = host?.getBuiltinModule?.('node:crypto') as
      | { createHash?: (algorithm: string) => NodeHash }
      | undefined;
    return nodeCrypto?.createHash;
  } catch {
    return undefined;
  }
})();

export async function sha256Base64Url(text: string): Promise<string> {
  if (createNodeHash) return createNodeHash('sha256').update(text).digest('base64url');
  const digest = await crypto.subtle.digest('SHA-256', encoder.encode(text));
  return base64UrlEncode(new Uint8Array(digest));
}

export function randomBase64Url(byteLength: number): string {
  return base64UrlEncode(crypto.getRandomValues(new Uint8Array(byteLength)));
}

/** Compares two strings in time that depends only on their lengths. */
export function timingSafeEqual(a: string, b: string): boolean {
  const left = encoder.encode(a);
  const right = encoder.encode(b);
  let difference = left.length ^ right.length;
  const length = Math.max(left.length, right.length);
  for (let index = 0; index < length; index++) difference |= (left[index] ?? 0) ^ (right[index] ?? 0);
  return difference === 0;
}
