import { createRemoteJWKSet, customFetch, decodeJwt, type JWTPayload, jwtVerify } from 'jose';
import { AuthKitError } from './errors.js';
import { type TokenBinding, tokenBindingProblem } from './token-binding.js';

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

// jose codes that say "this token is bad". Anything else (network, timeout, a JWKS that is not
// 200 JSON) says "we could not check", which must neither sign the user out nor start a refresh.
const INVALID_TOKEN_CODES = new Set([
  'ERR_JWT_CLAIM_VALIDATION_FAILED',
  'ERR_JWT_INVALID',
  'ERR_JWS_INVALID',
  'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
  'ERR_JWKS_NO_MATCHING_KEY',
  'ERR_JWKS_MULTIPLE_MATCHING_KEYS',
  'ERR_JOSE_ALG_NOT_ALLOWED',
  'ERR_JOSE_NOT_SUPPORTED',
]);

const FORCED_RELOAD_INTERVAL_MS = 5_000;

function joseCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;
}

function hasSessionClaims(payload: JWTPayload): payload is JWTPayload & AccessTokenClaims {
  return typeof payload.sub === 'string' && typeof payload.exp === 'number';
}

export interface AccessTokenVerifierOptions extends TokenBinding {
  jwksUrl: string;
  now: () => number;
  fetch?: typeof fetch;
}

/**
 * Verifies WorkOS access tokens (RS256) against the remote JWKS. The key set is fetched once and
 * cached by jose; an unknown `kid` triggers one refetch (subject to jose's cooldown), which covers
 * key rotation without letting forged key ids cause a fetch storm.
 */
export function createAccessTokenVerifier(options: AccessTokenVerifierOptions): AccessTokenVerifier {
  const jwks = createRemoteJWKSet(new URL(options.jwksUrl), {
    timeoutDuration: 5_000,
    cooldownDuration: 30_000,
    cacheMaxAge: 10 * 60_000,
    ...(options.fetch ? { [customFetch]: options.fetch } : {}),
  });
  const binding: TokenBinding = { clientId: options.clientId, issuer: options.issuer };
  let lastForcedReload = Number.NEGATIVE_INFINITY;

  const verify = (accessToken: string) =>
    jwtVerify(accessToken, jwks, {
      algorithms: ['RS256'],
      currentDate: new Date(options.now()),
    });

  // jose refetches for an unknown kid only after a 30 s cooldown; a key rotated in within that
  // time would sign users out. One forced reload per few seconds covers rotation and caps what
  // unknown key ids can cost. Tokens come out of sealed cookies, so an unknown kid is almost
  // always a rotation: while the reload is rate-limited it counts as "could not check" (503,
  // cookie kept), and only a kid still unknown after a reload is invalid.
  const verifyWithRotation = async (accessToken: string) => {
    try {
      return await verify(accessToken);
    } catch (error) {
      if (joseCode(error) !== 'ERR_JWKS_NO_MATCHING_KEY') throw error;
      const now = options.now();
      if (now - lastForcedReload < FORCED_RELOAD_INTERVAL_MS) {
        throw new AuthKitError(
          'jwks_unavailable',
          'Unknown signing key; the key set was reloaded moments ago',
          {
            cause: error,
          },
        );
      }
      lastForcedReload = now;
      await jwks.reload();
      return verify(accessToken);
    }
  };

  return async (accessToken) => {
    try {
      const { payload } = await verifyWithRotation(accessToken);
      const problem = hasSessionClaims(payload) ? tokenBindingProblem(payload, binding) : 'no sub or exp';
      if (problem !== undefined || !hasSessionClaims(payload)) {
        return {
          status: 'invalid',
          error: new AuthKitError('access_token_invalid', `Access token refused (${problem})`),
        };
      }
      return { status: 'valid', claims: payload };
    } catch (error) {
      if (error instanceof AuthKitError) throw error;
      const code = joseCode(error);
      if (code === 'ERR_JWT_EXPIRED') {
        // jose checks the signature before the claims: an expired token here is authentic.
        // The binding is checked before a refresh is spent on it.
        const claims = decodeAccessToken(accessToken);
        const problem = claims ? tokenBindingProblem({ ...claims }, binding) : 'no sub or exp';
        if (claims && problem === undefined) return { status: 'expired', claims };
        return {
          status: 'invalid',
          error: new AuthKitError('access_token_invalid', `Access token refused (${problem})`, {
            cause: error,
          }),
        };
      }
      if (code !== undefined && INVALID_TOKEN_CODES.has(code)) {
        return {
          status: 'invalid',
          error: new AuthKitError('access_token_invalid', `Access token rejected (${code})`, {
            cause: error,
          }),
        };
      }
      throw new AuthKitError(
        'jwks_unavailable',
        'Could not verify the access token: the JWKS is unavailable',
        {
          cause: error,
        },
      );
    }
  };
}

/** Decodes without verifying. For reading `org_id` / `sid` of a token whose signature is already known good. */
export function decodeAccessToken(accessToken: string): AccessTokenClaims | undefined {
  try {
    const payload = decodeJwt(accessToken);
    return hasSessionClaims(payload) ? payload : undefined;
  } catch {
    return undefined;
  }
}
