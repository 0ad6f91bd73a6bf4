/**
 * base64url for the Web Crypto path (edge runtimes). The native path uses Node's Buffer; both
 * refuse the same strings first (see {@link isBase64Url}), so they decode the same bytes.
 */

// Padding is tolerated as the iron implementations of WorkOS's kits tolerate it.
const BASE64URL = /^[A-Za-z0-9_-]*={0,2}$/;

/** True for a base64url string, unpadded or correctly padded, that decodes without leftover characters. */
export function isBase64Url(text: string): boolean {
  if (!BASE64URL.test(text)) return false;
  const unpadded = text.endsWith('=') ? text.replace(/=+$/, '') : text;
  if (unpadded.length % 4 === 1) return false;
  return unpadded.length === text.length || text.length % 4 === 0;
}

interface Base64Native {
  fromBase64?: (text: string, options: { alphabet: 'base64url' }) => Uint8Array<ArrayBuffer>;
}

const fromBase64 = (Uint8Array as unknown as Base64Native).fromBase64;

/** Decodes a string that passed {@link isBase64Url}. */
export function base64UrlToBytes(text: string): Uint8Array<ArrayBuffer> {
  if (fromBase64) return fromBase64(text, { alphabet: 'base64url' });
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** Unpadded base64url. */
export function bytesToBase64Url(bytes: Uint8Array): string {
  const native = bytes as Uint8Array & { toBase64?: (options: object) => string };
  if (typeof native.toBase64 === 'function')
    return native.toBase64({ alphabet: 'base64url', omitPadding: true });
  let binary = '';
  // Chunks keep String.fromCharCode's argument list short.
  for (let index = 0; index < bytes.length; index += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
