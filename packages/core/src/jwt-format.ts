import { isBase64Url } from './base64url.js';

/** Access tokens are about 1 KB; anything much larger is refused before any crypto runs. */
export const MAX_ACCESS_TOKEN_LENGTH = 32 * 1024;

/** A compact JWS whose header and payload are JSON objects; the signature is not checked yet. */
export interface ParsedJwt {
  readonly header: Record<string, unknown>;
  readonly payload: Record<string, unknown>;
  /** `<header>.<payload>`, what the signature covers. */
  readonly signingInput: string;
  /** base64url, checked to decode cleanly. */
  readonly signature: string;
}

/** Why a token is refused; becomes `access_token_invalid`. */
export class TokenRefusedError extends Error {}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Splits and decodes a compact JWT and applies the header rules: RS256 only, no `crit` extensions
 * (none is understood), no unencoded payloads.
 * @throws {TokenRefusedError}
 */
export function parseJwt(token: string, decodeText: (base64url: string) => string): ParsedJwt {
  if (token.length > MAX_ACCESS_TOKEN_LENGTH) throw new TokenRefusedError('token too large');
  const parts = token.split('.');
  if (parts.length !== 3) throw new TokenRefusedError('not a compact JWS');
  const [encodedHeader, encodedPayload, signature] = parts as [string, string, string];
  if (!isBase64Url(encodedHeader) || !isBase64Url(encodedPayload) || !isBase64Url(signature)) {
    throw new TokenRefusedError('not base64url');
  }
  if (encodedHeader.includes('=') || encodedPayload.includes('=') || signature.includes('=')) {
    throw new TokenRefusedError('padded base64url');
  }
  const header = parseJsonObject(encodedHeader, decodeText, 'header');
  if (header.alg !== 'RS256') throw new TokenRefusedError('alg not allowed');
  if ('crit' in header) throw new TokenRefusedError('unsupported crit header');
  if ('b64' in header) throw new TokenRefusedError('unsupported b64 header');
  if (header.kid !== undefined && typeof header.kid !== 'string')
    throw new TokenRefusedError('kid not a string');
  const payload = parseJsonObject(encodedPayload, decodeText, 'payload');
  return { header, payload, signingInput: `${encodedHeader}.${encodedPayload}`, signature };
}

function parseJsonObject(
  encoded: string,
  decodeText: (base64url: string) => string,
  what: 'header' | 'payload',
): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(decodeText(encoded));
  } catch {
    throw new TokenRefusedError(`${what} not JSON`);
  }
  if (!isObject(value)) throw new TokenRefusedError(`${what} not a JSON object`);
  return value;
}
