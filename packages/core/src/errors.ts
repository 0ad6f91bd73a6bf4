/**
 * Every failure that leaves `@authkit-ssr/core` is an {@link AuthKitError} with a stable `code`.
 * Messages never contain tokens, cookies or secrets; the original error is kept in `cause`.
 */
export type AuthKitErrorCode =
  /** Options are missing or invalid. Thrown at start-up, with every problem listed. */
  | 'configuration_invalid'
  /** The session cookie could not be read: malformed, truncated, tampered or sealed with an unknown password. */
  | 'cookie_unreadable'
  /** The access token failed verification (bad signature, wrong issuer, unsupported algorithm, unknown key). */
  | 'access_token_invalid'
  /** The JWKS could not be fetched. Not an expired token: no refresh is attempted. */
  | 'jwks_unavailable'
  /** WorkOS refused the refresh token (`invalid_grant`, revoked or ended session). The session is over. */
  | 'refresh_rejected'
  /** WorkOS could not be reached, timed out, rate-limited us past the deadline or answered 5xx. Retry later. */
  | 'upstream_unavailable'
  /** The callback's `state` does not match a pending sign-in of this browser. */
  | 'state_mismatch'
  /** The callback arrived without the PKCE verifier cookie (expired, blocked, or another browser). */
  | 'pkce_verifier_missing'
  /** WorkOS redirected back with `error` / `error_description`, or the callback lacked a code. */
  | 'callback_error'
  /** WorkOS refused to exchange the authorization code. */
  | 'code_exchange_failed'
  /** A return path points outside the application's origin. */
  | 'redirect_not_allowed'
  /** The organization switch was refused (not a member, unknown organization). */
  | 'organization_switch_rejected'
  /** An operation that needs a session was called without one. */
  | 'no_session'
  /** A request to an auth route is malformed (wrong method, oversized parameter). */
  | 'invalid_request'
  /** A state-changing auth route was called from another site (cross-site request forgery). */
  | 'cross_site_request'
  /** The sign-in waits for the user to choose one of their organizations (see `handleCallbackRoute`). */
  | 'organization_selection_required';

const USER_FACING_CODES: ReadonlySet<AuthKitErrorCode> = new Set([
  'state_mismatch',
  'pkce_verifier_missing',
  'callback_error',
  'code_exchange_failed',
  'redirect_not_allowed',
  'organization_switch_rejected',
  'no_session',
  'invalid_request',
  'cross_site_request',
  'upstream_unavailable',
  'jwks_unavailable',
]);

/** HTTP status an adapter should answer with when this error ends a request. */
const STATUS_BY_CODE: Record<AuthKitErrorCode, number> = {
  configuration_invalid: 500,
  cookie_unreadable: 400,
  access_token_invalid: 401,
  jwks_unavailable: 503,
  refresh_rejected: 401,
  upstream_unavailable: 503,
  state_mismatch: 400,
  pkce_verifier_missing: 400,
  callback_error: 400,
  code_exchange_failed: 400,
  redirect_not_allowed: 400,
  organization_switch_rejected: 403,
  no_session: 401,
  invalid_request: 400,
  cross_site_request: 403,
  organization_selection_required: 409,
};

/**
 * The one error type of authkit-ssr.
 *
 * @example
 * ```ts
 * try { await core.handleCallback(request) }
 * catch (error) { if (isAuthKitError(error) && error.code === 'state_mismatch') return new Response('Try signing in again', { status: 400 }) }
 * ```
 */
export class AuthKitError extends Error {
  override readonly name = 'AuthKitError';
  readonly code: AuthKitErrorCode;
  /** Seconds after which a retry may succeed (rate limits), when known. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: AuthKitErrorCode,
    message: string,
    options: { cause?: unknown; retryAfterSeconds?: number } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** The HTTP status that fits this error (4xx for the client's input, 503 for upstream outages). */
  get status(): number {
    return STATUS_BY_CODE[this.code];
  }

  /** True when the message can be shown to an end user as is. */
  get isUserFacing(): boolean {
    return USER_FACING_CODES.has(this.code);
  }

  /** True for outages that say nothing about the session: the cookie must be kept. */
  get isTransient(): boolean {
    return this.code === 'upstream_unavailable' || this.code === 'jwks_unavailable';
  }
}

/** Type guard that also works across duplicated module copies (bundlers may load core twice). */
export function isAuthKitError(value: unknown): value is AuthKitError {
  return (
    value instanceof AuthKitError ||
    (value instanceof Error && value.name === 'AuthKitError' && 'code' in value)
  );
}
