import { createHash, type KeyObject, sign } from 'node:crypto';

// WorkOS's JWKS schema requires `x5c` and `x5t#S256`, so each signing key is wrapped in a
// minimal self-signed X.509 v3 certificate, DER-encoded by hand (node:crypto cannot issue one).
// Fixed validity and a serial taken from the key id keep the certificate, and so the JWKS, stable.
const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
const COMMON_NAME = '2.5.4.3';
// RFC 5280: UTCTime for dates before 2050, GeneralizedTime after.
const NOT_BEFORE = '240101000000Z';
const NOT_AFTER = '20991231235959Z';

/** A DER certificate and its SHA-256 thumbprint, both base64 as JWK `x5c` / `x5t#S256` want them. */
export interface SelfSignedCertificate {
  /** Standard base64 of the DER certificate (the `x5c` entry). */
  x5c: string;
  /** base64url of SHA-256 over the DER certificate. */
  x5tS256: string;
}

/** Issues a self-signed certificate for an RSA key pair with `CN=<commonName>`. */
export function createSelfSignedCertificate(
  privateKey: KeyObject,
  publicKey: KeyObject,
  commonName: string,
): SelfSignedCertificate {
  const algorithm = sequence(oid(SHA256_WITH_RSA), Buffer.from([0x05, 0x00]));
  const name = sequence(set(sequence(oid(COMMON_NAME), tlv(0x0c, Buffer.from(commonName, 'utf8')))));
  const serial = createHash('sha256').update(commonName).digest().subarray(0, 16);
  serial[0] = (serial[0] ?? 0) & 0x7f;
  const tbs = sequence(
    tlv(0xa0, integer(Buffer.from([2]))),
    integer(serial),
    algorithm,
    name,
    sequence(tlv(0x17, Buffer.from(NOT_BEFORE)), tlv(0x18, Buffer.from(NOT_AFTER))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = sequence(tbs, algorithm, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  return {
    x5c: der.toString('base64'),
    x5tS256: createHash('sha256').update(der).digest('base64url'),
  };
}

function tlv(tag: number, value: Buffer): Buffer {
  const length = value.length;
  let header: Buffer;
  if (length < 0x80) header = Buffer.from([tag, length]);
  else if (length < 0x100) header = Buffer.from([tag, 0x81, length]);
  else header = Buffer.from([tag, 0x82, length >> 8, length & 0xff]);
  return Buffer.concat([header, value]);
}

function sequence(...items: Buffer[]): Buffer {
  return tlv(0x30, Buffer.concat(items));
}

function set(...items: Buffer[]): Buffer {
  return tlv(0x31, Buffer.concat(items));
}

function integer(bytes: Buffer): Buffer {
  return tlv(0x02, bytes);
}

function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const bytes = [40 * (parts[0] ?? 0) + (parts[1] ?? 0)];
  for (const part of parts.slice(2)) {
    const chunk = [part & 0x7f];
    for (let rest = part >> 7; rest > 0; rest >>= 7) chunk.unshift((rest & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}
