import { type AuthKitErrorCode, isAuthKitError } from '@authkit-ssr/core';

/** The `code`s of the errors a failed callback throws (`error instanceof CallbackError`). */
export type CallbackErrorCode = Extract<
  AuthKitErrorCode,
  'callback_error' | 'state_mismatch' | 'pkce_verifier_missing' | 'code_exchange_failed'
>;

const CALLBACK_CODES: ReadonlySet<AuthKitErrorCode> = new Set<CallbackErrorCode>([
  'callback_error',
  'state_mismatch',
  'pkce_verifier_missing',
  'code_exchange_failed',
]);
const REFRESH_CODES: ReadonlySet<AuthKitErrorCode> = new Set(['refresh_rejected', 'upstream_unavailable']);

/**
 * `error instanceof CallbackError` as with WorkOS's kit: true for the `AuthKitError`s a failed
 * callback throws (`callback_error`, `state_mismatch`, `pkce_verifier_missing`, `code_exchange_failed`).
 * Nothing is constructed from it.
 */
// biome-ignore lint/complexity/noStaticOnlyClass: `instanceof` needs a class; it recognises core's errors
export abstract class CallbackError {
  static [Symbol.hasInstance](value: unknown): boolean {
    return isAuthKitError(value) && CALLBACK_CODES.has(value.code);
  }
}

/**
 * `error instanceof TokenRefreshError` as with WorkOS's kit: true for `refresh_rejected` and
 * `upstream_unavailable` (`isTransient`) `AuthKitError`s.
 */
// biome-ignore lint/complexity/noStaticOnlyClass: `instanceof` needs a class; it recognises core's errors
export abstract class TokenRefreshError {
  static [Symbol.hasInstance](value: unknown): boolean {
    return isAuthKitError(value) && REFRESH_CODES.has(value.code);
  }
}
