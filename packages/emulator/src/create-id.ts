import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * Encodes bytes as an unsigned big-endian number in `length` Crockford base32 digits, the
 * alphabet of the ULIDs that WorkOS ids end with.
 */
export function encodeCrockford(bytes: Uint8Array, length: number): string {
  let value = BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);
  let out = '';
  for (let i = 0; i < length; i++) {
    out = CROCKFORD[Number(value & 31n)] + out;
    value >>= 5n;
  }
  return out;
}

/**
 * Creates a WorkOS-style id: a prefix and a ULID (48-bit millisecond time, 80 random bits),
 * e.g. `session_01HQSXZGF8FHF7A9ZZFCW4387R`.
 */
export function createId(prefix: string, now: number = Date.now()): string {
  const time = Buffer.alloc(6);
  time.writeUIntBE(now, 0, 6);
  const text = encodeCrockford(Buffer.concat([time, randomBytes(10)]), 26);
  return prefix ? `${prefix}_${text}` : text;
}

/** Creates an opaque random token (base64url, `bytes` bytes of entropy), as used for refresh tokens and codes. */
export function createOpaqueToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
