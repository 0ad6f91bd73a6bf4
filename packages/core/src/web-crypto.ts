/** Small Web Crypto helpers: hashing, random tokens and constant-time comparison. Edge-safe. */
import { nodeBuiltins } from './node-crypto.js';

const encoder = new TextEncoder();

export function base64UrlEncode(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

// Hashing sits on the hot path (every request hashes its cookie for the verified-session cache).
// Web Crypto's digest is asynchronous and, on Node, runs on the thread pool: about 6× the cost of
// a synchronous hash. Edge runtimes use Web Crypto.
const nodeCrypto = nodeBuiltins?.crypto;

export async function sha256Base64Url(text: string): Promise<string> {
  if (nodeCrypto?.hash) return nodeCrypto.hash('sha256', text, 'base64url');
  if (nodeCrypto) return nodeCrypto.createHash('sha256').update(text).digest('base64url');
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
