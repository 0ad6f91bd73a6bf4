import type { SignInUrlOptions as CoreSignInUrlOptions } from '@authkit-ssr/core';
import { getRequest } from '@tanstack/react-start/server';
import { type AuthKitRequestState, writeCookies } from './request-state.js';

/** Options of `getAuthorizationUrl` (the kit's names). */
export interface GetAuthURLOptions {
  /** Same-origin path to land on after sign-in. Another origin is refused (`redirect_not_allowed`). */
  returnPathname?: string;
  /** Callback URL for this sign-in; default the middleware's `redirectUri`, else `WORKOS_REDIRECT_URI`. */
  redirectUri?: string;
  organizationId?: string;
  loginHint?: string;
  prompt?: 'login' | 'none' | 'consent' | 'select_account';
  /** Custom state handed back to `handleCallbackRoute`'s `onSuccess` as `state`. */
  state?: string;
  screenHint?: 'sign-in' | 'sign-up';
  /** OIDC `max_age`: force a new sign-in when the last one is older than this many seconds. */
  maxAge?: number;
}

/** Options of `getSignInUrl` / `getSignUpUrl`. */
export type SignInUrlOptions = Omit<GetAuthURLOptions, 'screenHint'>;

const STRING_OPTIONS = [
  'returnPathname',
  'redirectUri',
  'organizationId',
  'loginHint',
  'prompt',
  'state',
] as const;

/** Validates what came over the wire: known keys, the right types. */
export function parseAuthorizationOptions(input: unknown): GetAuthURLOptions {
  if (input === undefined || input === null) return {};
  if (typeof input !== 'object') throw new TypeError('options must be an object');
  const value = input as Record<string, unknown>;
  const options: GetAuthURLOptions = {};
  for (const key of STRING_OPTIONS) {
    const option = value[key];
    if (option === undefined || option === null) continue;
    if (typeof option !== 'string') throw new TypeError(`${key} must be a string`);
    (options as Record<string, string>)[key] = option;
  }
  if (value.screenHint === 'sign-in' || value.screenHint === 'sign-up') options.screenHint = value.screenHint;
  else if (value.screenHint !== undefined) throw new TypeError("screenHint must be 'sign-in' or 'sign-up'");
  if (typeof value.maxAge === 'number' && value.maxAge >= 0) options.maxAge = value.maxAge;
  else if (value.maxAge !== undefined) throw new TypeError('maxAge must be a number of seconds');
  return options;
}

/** A bare string is the `returnPathname`. */
export function parseSignInOptions(input: unknown): SignInUrlOptions {
  const { screenHint: _ignored, ...options } = parseAuthorizationOptions(
    typeof input === 'string' ? { returnPathname: input } : input,
  );
  return options;
}

/** Starts a sign-in: writes the pending sign-in cookie on this response, returns AuthKit's URL. */
export async function signInUrl(state: AuthKitRequestState, options: GetAuthURLOptions): Promise<string> {
  const coreOptions: CoreSignInUrlOptions = {
    request: getRequest(),
    redirectUri: options.redirectUri ?? state.redirectUri,
  };
  if (options.returnPathname !== undefined) coreOptions.returnTo = options.returnPathname;
  if (options.organizationId !== undefined) coreOptions.organizationId = options.organizationId;
  if (options.loginHint !== undefined) coreOptions.loginHint = options.loginHint;
  if (options.prompt !== undefined) coreOptions.prompt = options.prompt;
  if (options.state !== undefined) coreOptions.state = options.state;
  if (options.screenHint !== undefined) coreOptions.screenHint = options.screenHint;
  if (options.maxAge !== undefined) coreOptions.maxAgeSeconds = options.maxAge;
  const { url, setCookies } = await state.core.getSignInUrl(coreOptions);
  writeCookies(setCookies);
  return url;
}
