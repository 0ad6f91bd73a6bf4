import { isBase64Url } from './base64url.js';
import { AuthKitError } from './errors.js';
import { JwksKeySet } from './jwks-key-set.js';
import { type ParsedJwt, parseJwt, TokenRefusedError } from './jwt-format.js';
import { nodeBuiltins } from './node-crypto.js';
import type { SignatureEngine } from './signature-engine.js';
import { createNodeSignatureEngine } from './signature-node.js';
import { createWebSignatureEngine } from './signature-web.js';
import { createTokenBindingCheck, type TokenBinding } from './token-binding.js';

/**
 * Claims of a WorkOS access token. Custom claims come in through the type parameter of
 * `AuthKitCore`. Plain JSON types only, so frameworks can serialize `auth` to the client.
 */
export interface AccessTokenClaims {
  iss?: string;
  sub: string;
  sid: string;
  jti?: string;
  org_id?: string;
  role?: string;
  roles?: string[];
  permissions?: string[];
  entitlements?: string[];
  feature_flags?: string[];
  act?: { sub: string };
  exp: number;
  iat?: number;
  nbf?: number;
}

export type AccessTokenVerification =
  | { status: 'valid'; claims: AccessTokenClaims }
  | { status: 'expired'; claims: AccessTokenClaims }
  | { status: 'invalid'; error: AuthKitError };

export type AccessTokenVerifier = (accessToken: string) => Promise<AccessTokenVerification>;

const FORCED_RELOAD_INTERVAL_MS = 5_000;

function hasSessionClaims(
  payload: Record<string, unknown>,
): payload is Record<string, unknown> & AccessTokenClaims {
  return typeof payload.sub === 'string' && typeof payload.exp === 'number';
}

/** `node:crypto` where the runtime has it, Web Crypto elsewhere (edge). */
export const defaultSignatureEngine: SignatureEngine = nodeBuiltins
  ? createNodeSignatureEngine(nodeBuiltins)
  : createWebSignatureEngine();

export interface AccessTokenVerifierOptions extends TokenBinding {
  jwksUrl: string;
  now: () => number;
  fetch?: typeof fetch;
  /** Default {@link defaultSignatureEngine}. */
  engine?: SignatureEngine;
}

function refused(reason: string): AccessTokenVerification {
  return {
    status: 'invalid',
    error: new AuthKitError('access_token_invalid', `Access token refused (${reason})`),
  };
}

function isOptionalNumber(value: unknown): boolean {
  return value === undefined || (typeof value === 'number' && Number.isFinite(value));
}

/**
 * Verifies WorkOS access tokens: RS256 only, against the remote JWKS, then the claims (`exp`,
 * `nbf`, the binding to this client). Keys are imported once per JWKS load. An unknown `kid`
 * triggers one forced reload, which covers key rotation without letting forged key ids cause a
 * fetch storm.
 */
export function createAccessTokenVerifier(options: AccessTokenVerifierOptions): AccessTokenVerifier {
  const engine = options.engine ?? defaultSignatureEngine;
  const keySet = new JwksKeySet({ jwksUrl: options.jwksUrl, engine, now: options.now, fetch: options.fetch });
  const bindingProblem = createTokenBindingCheck({ clientId: options.clientId, issuer: options.issuer });
  let lastForcedReload = Number.NEGATIVE_INFINITY;

  // Tokens come out of sealed cookies, so an unknown kid is almost always a rotation: while the
  // reload is rate-limited it counts as "could not check" (503, cookie kept), and only a kid still
  // unknown after a reload is invalid.
  const keysWithRotation = async (kid: string | undefined) => {
    const keys = await keySet.keysFor(kid);
    if (keys.length > 0) return keys;
    const now = options.now();
    if (now - lastForcedReload < FORCED_RELOAD_INTERVAL_MS) {
      throw new AuthKitError('jwks_unavailable', 'Unknown signing key; the key set was reloaded moments ago');
    }
    lastForcedReload = now;
    await keySet.reload();
    return keySet.keysFor(kid);
  };

  return async (accessToken) => {
    let token: ParsedJwt;
    try {
      token = parseJwt(accessToken, engine.decodeText);
    } catch (error) {
      if (error instanceof TokenRefusedError) return refused(error.message);
      throw error;
    }
    const keys = await keysWithRotation(token.header.kid as string | undefined);
    if (keys.length === 0) return refused('no key with this kid');
    let verified = false;
    for (const key of keys) {
      const valid = engine.verifyRs256(key, token.signingInput, token.signature);
      if (valid === true || (valid !== false && (await valid))) {
        verified = true;
        break;
      }
    }
    if (!verified) return refused('signature');

    const { payload } = token;
    if (typeof payload.exp !== 'number' || !Number.isFinite(payload.exp)) return refused('no exp');
    if (!isOptionalNumber(payload.nbf) || !isOptionalNumber(payload.iat))
      return refused('nbf or iat not a number');
    // Checked before expiry, so that no refresh is ever spent on a token that is not ours.
    const problem = bindingProblem(payload);
    if (problem !== undefined) return refused(problem);
    const claims = payload as unknown as AccessTokenClaims;
    const nowSeconds = Math.floor(options.now() / 1000);
    if (claims.nbf !== undefined && claims.nbf > nowSeconds) return refused('not valid yet');
    // The signature is checked: an expired token here is authentic.
    if (claims.exp <= nowSeconds) return { status: 'expired', claims };
    return { status: 'valid', claims };
  };
}

/** Decodes without verifying. For reading `org_id` / `sid` of a token whose signature is already known good. */
export function decodeAccessToken(accessToken: string): AccessTokenClaims | undefined {
  const parts = accessToken.split('.');
  const payload = parts[1];
  if (parts.length !== 3 || payload === undefined || !isBase64Url(payload)) return undefined;
  try {
    const claims: unknown = JSON.parse(defaultSignatureEngine.decodeText(payload));
    return typeof claims === 'object' &&
      claims !== null &&
      hasSessionClaims(claims as Record<string, unknown>)
      ? (claims as AccessTokenClaims)
      : undefined;
  } catch {
    return undefined;
  }
}
