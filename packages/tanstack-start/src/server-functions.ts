import { AuthKitError, evaluateRecentAuth, getFreshAccessToken } from '@authkit-ssr/core';
import { redirect } from '@tanstack/react-router';
import { createServerFn } from '@tanstack/react-start';
import { getRequest } from '@tanstack/react-start/server';
import {
  type AuthKitRequestState,
  applyResult,
  getRequestState,
  type RefreshOutcome,
} from './request-state.js';
import { assertSameOrigin } from './same-origin.js';
import {
  type GetAuthURLOptions,
  parseAuthorizationOptions,
  parseSignInOptions,
  type SignInUrlOptions,
  signInUrl,
} from './sign-in-url.js';
import {
  type ClientUserInfo,
  type CustomClaims,
  type NoUserInfo,
  toUserInfo,
  type UserInfo,
} from './user-info.js';

function record(input: unknown): Record<string, unknown> {
  return typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
}

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new TypeError(`${name} must be a string`);
  return value;
}

const returnToInput = (input: { returnTo?: string | undefined } | undefined) => ({
  returnTo: optionalString(record(input).returnTo, 'returnTo'),
});

/** `getAuth()`'s answer for this request: the access token only when the app opted in. */
export function userInfoOf(state: AuthKitRequestState): UserInfo | NoUserInfo {
  return toUserInfo(state.auth, { includeAccessToken: state.exposeAccessToken });
}

const getAuthFn = createServerFn({ method: 'GET' }).handler(
  async (): Promise<UserInfo | NoUserInfo> => userInfoOf(getRequestState()),
);

/**
 * The signed-in user of the current request, `{ user: null }` when signed out. Works in loaders,
 * `beforeLoad`, server functions and server routes; in the browser it is an RPC. Pass your custom
 * claims as the type argument: `getAuth<{ plan: string }>()`.
 */
export const getAuth = getAuthFn as unknown as <TClaims extends object = CustomClaims>() => Promise<
  UserInfo<TClaims> | NoUserInfo
>;

/**
 * How recently the user signed in (`auth_time`), as data: `{ authenticatedAt, isStale }`. Never
 * redirects. Without a usable `auth_time`, or signed out, `isStale` is `true`.
 */
export const checkRecentAuth = createServerFn({ method: 'GET' })
  .validator((input: { maxAge: number }) => {
    const maxAge = record(input).maxAge;
    if (typeof maxAge !== 'number' || !(maxAge >= 0))
      throw new TypeError('maxAge must be a number of seconds');
    return { maxAge };
  })
  .handler(async ({ data }) => {
    const { auth } = getRequestState();
    const claims = auth?.claims as { auth_time?: unknown } | undefined;
    return evaluateRecentAuth(claims?.auth_time, data.maxAge, Math.floor(Date.now() / 1000));
  });

/**
 * An AuthKit authorization URL. Starts a sign-in: writes the pending sign-in cookie (PKCE and
 * `state`), so call it when the user is about to go there, not to prefetch a link.
 * @throws {AuthKitError} `redirect_not_allowed` when `returnPathname` points at another origin.
 */
export const getAuthorizationUrl = createServerFn({ method: 'GET' })
  .validator((options?: GetAuthURLOptions) => parseAuthorizationOptions(options))
  .handler(async ({ data }) => signInUrl(getRequestState(), data));

/** The sign-in URL: `getSignInUrl()`, `getSignInUrl({ data: '/dashboard' })` or `{ data: { returnPathname, … } }`. */
export const getSignInUrl = createServerFn({ method: 'GET' })
  .validator((data?: string | SignInUrlOptions) => parseSignInOptions(data))
  .handler(async ({ data }) => signInUrl(getRequestState(), { ...data, screenHint: 'sign-in' }));

/** Like {@link getSignInUrl}, opening AuthKit on its sign-up screen. */
export const getSignUpUrl = createServerFn({ method: 'GET' })
  .validator((data?: string | SignInUrlOptions) => parseSignInOptions(data))
  .handler(async ({ data }) => signInUrl(getRequestState(), { ...data, screenHint: 'sign-up' }));

/**
 * Ends the session: clears the cookie and redirects the browser to WorkOS's logout URL, which then
 * sends it to `returnTo`. Signed out already: redirects to `returnTo` (default `/`).
 * Unlike the kit, only from the app's own pages (`Origin` or `Sec-Fetch-Site`): else
 * `cross_site_request` (403) and the session stays.
 */
export const signOut = createServerFn({ method: 'POST' })
  .validator(returnToInput)
  .handler(async ({ data }): Promise<never> => {
    const state = getRequestState();
    assertSameOrigin(state);
    if (!state.session) throw redirect({ href: data.returnTo || '/', reloadDocument: true });
    const { redirectTo, setCookies } = await state.core.signOut(state.session, { returnTo: data.returnTo });
    applyResult(state, { auth: null, session: null, setCookies });
    throw redirect({ href: redirectTo, reloadDocument: true });
  });

/**
 * Switches the session to another organization of the user, writes the new cookie and returns the
 * new `UserInfo`. Signed out: redirects to `returnTo` (default `/`).
 * @throws {AuthKitError} `organization_switch_rejected` when the user is not a member.
 */
export const switchToOrganization = createServerFn({ method: 'POST' })
  .validator((input: { organizationId: string; returnTo?: string | undefined }) => {
    const organizationId = optionalString(record(input).organizationId, 'organizationId');
    if (!organizationId) throw new TypeError('organizationId is required');
    return { organizationId, returnTo: optionalString(record(input).returnTo, 'returnTo') };
  })
  .handler(async ({ data }): Promise<UserInfo> => {
    const state = getRequestState();
    if (!state.session) throw redirect({ href: data.returnTo || '/' });
    applyResult(state, await state.core.switchToOrganization(state.session, data.organizationId));
    const info = userInfoOf(state);
    if (!info.user) throw redirect({ href: data.returnTo || '/' });
    return info;
  });

/** What {@link refreshSession} and {@link getAccessToken} return (our additions). */
export interface RefreshedAuth {
  auth: ClientUserInfo | NoUserInfo;
  refresh: RefreshOutcome | undefined;
}

/**
 * Our addition: refreshes the session now (optionally into another organization) and writes the
 * new cookie. Concurrent refreshes of the same session share one upstream call.
 * @throws {AuthKitError} `no_session` when signed out.
 */
export const refreshSession = createServerFn({ method: 'POST' })
  .validator((input: { organizationId?: string | undefined } | undefined) => ({
    organizationId: optionalString(record(input).organizationId, 'organizationId'),
  }))
  .handler(async ({ data }): Promise<RefreshedAuth> => {
    const state = getRequestState();
    if (!state.session) throw new AuthKitError('no_session', 'Sign in before refreshing the session');
    const options = {
      request: getRequest(),
      ...(data.organizationId ? { organizationId: data.organizationId } : {}),
    };
    applyResult(state, await state.core.refreshSession(state.session, options));
    return { auth: toUserInfo(state.auth), refresh: state.refresh };
  });

/** The access token as `useAccessToken()` receives it: `null` when signed out. */
export interface AccessTokenResult {
  accessToken: string | null;
  /** ISO date. */
  expiresAt: string | null;
  refresh: RefreshOutcome | undefined;
}

/**
 * Our addition: the current access token, refreshed first when it expires within
 * `minValiditySeconds` (default 30). Used by `useAccessToken()`; a POST, so it is never cached.
 */
export const getAccessToken = createServerFn({ method: 'POST' })
  .validator((input: { minValiditySeconds?: number | undefined } | undefined) => {
    const seconds = record(input).minValiditySeconds;
    return { minValiditySeconds: typeof seconds === 'number' && seconds >= 0 ? Math.min(seconds, 300) : 30 };
  })
  .handler(async ({ data }): Promise<AccessTokenResult> => {
    const state = getRequestState();
    applyResult(state, await getFreshAccessToken(state.core, state, { ...data, request: getRequest() }));
    const { auth } = state;
    return auth
      ? {
          accessToken: auth.accessToken,
          expiresAt: auth.accessTokenExpiresAt.toISOString(),
          refresh: state.refresh,
        }
      : { accessToken: null, expiresAt: null, refresh: state.refresh };
  });
