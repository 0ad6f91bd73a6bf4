import { type Auth, AuthKitError, getFreshAccessToken } from '@authkit-ssr/core';
import { redirect } from '@tanstack/react-router';
import { createServerFn } from '@tanstack/react-start';
import { getRequest } from '@tanstack/react-start/server';
import { applyResult, getRequestState, type RefreshOutcome, writeCookies } from './request-state.js';

/** Options of {@link getSignInUrl} and {@link getSignUpUrl}. */
export interface SignInUrlInput {
  /** Same-origin path to land on after sign-in. Another origin is refused (`redirect_not_allowed`). */
  returnTo?: string | undefined;
  organizationId?: string | undefined;
  loginHint?: string | undefined;
}

/** What {@link refreshSession} and {@link switchToOrganization} return. */
export interface RefreshedAuth {
  auth: ClientAuth | null;
  refresh: RefreshOutcome | undefined;
}

/** A JSON value, as access-token claims hold. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | JsonValue[]
  | { [key: string]: JsonValue | undefined };

/**
 * `Auth` as server functions return it to the browser: the same fields, with the claims typed as
 * the JSON they are (core types them `unknown`, which Start's serializability check refuses).
 */
export type ClientAuth = Omit<Auth, 'claims'> & { claims: { [claim: string]: JsonValue | undefined } };

/** @returns the same object, typed for the wire. */
export function toClientAuth(auth: Auth | null): ClientAuth | null {
  // A verified JWT payload is JSON by construction.
  return auth as unknown as ClientAuth | null;
}

function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new TypeError(`${name} must be a string`);
  return value;
}

function record(input: unknown): Record<string, unknown> {
  return typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
}

function parseSignInInput(input: SignInUrlInput | undefined): SignInUrlInput {
  const value = record(input);
  return {
    returnTo: optionalString(value.returnTo, 'returnTo'),
    organizationId: optionalString(value.organizationId, 'organizationId'),
    loginHint: optionalString(value.loginHint, 'loginHint'),
  };
}

async function authorizationUrl(input: SignInUrlInput, screenHint: 'sign-in' | 'sign-up'): Promise<string> {
  const state = await getRequestState();
  const { url, setCookies } = await state.core.getSignInUrl({ ...input, screenHint, request: getRequest() });
  writeCookies(setCookies);
  return url;
}

/**
 * The signed-in user of the current request, or `null`. Works in loaders, `beforeLoad` and
 * components: on the server it reads the request's auth, in the browser it is an RPC.
 */
export const getAuth = createServerFn({ method: 'GET' }).handler(
  async (): Promise<ClientAuth | null> => toClientAuth((await getRequestState()).auth),
);

/**
 * An AuthKit sign-in URL (PKCE and `state` bound to a short-lived cookie written on this response).
 * @throws {AuthKitError} `redirect_not_allowed` when `returnTo` points at another origin.
 */
export const getSignInUrl = createServerFn({ method: 'GET' })
  .validator(parseSignInInput)
  .handler(({ data }) => authorizationUrl(data, 'sign-in'));

/** Like {@link getSignInUrl}, opening AuthKit on its sign-up screen. */
export const getSignUpUrl = createServerFn({ method: 'GET' })
  .validator(parseSignInInput)
  .handler(({ data }) => authorizationUrl(data, 'sign-up'));

/**
 * Ends the session: clears the cookie and redirects the browser to WorkOS's logout URL, which then
 * sends it to `returnTo`.
 */
export const signOut = createServerFn({ method: 'POST' })
  .validator((input: { returnTo?: string | undefined } | undefined) => ({
    returnTo: optionalString(record(input).returnTo, 'returnTo'),
  }))
  .handler(async ({ data }): Promise<never> => {
    const state = await getRequestState();
    const { redirectTo, setCookies } = await state.core.signOut(state.session, { returnTo: data.returnTo });
    applyResult(state, { auth: null, session: null, setCookies });
    throw redirect({ href: redirectTo, reloadDocument: true });
  });

/**
 * Switches the session to another organization of the user and writes the new cookie.
 * @throws {AuthKitError} `no_session` when signed out, `organization_switch_rejected` when the user
 * is not a member.
 */
export const switchToOrganization = createServerFn({ method: 'POST' })
  .validator((input: { organizationId: string }) => {
    const organizationId = optionalString(record(input).organizationId, 'organizationId');
    if (!organizationId) throw new TypeError('organizationId is required');
    return { organizationId };
  })
  .handler(async ({ data }): Promise<RefreshedAuth> => {
    const state = await getRequestState();
    if (!state.session) throw new AuthKitError('no_session', 'Sign in before switching organization');
    applyResult(state, await state.core.switchToOrganization(state.session, data.organizationId));
    return { auth: toClientAuth(state.auth), refresh: state.refresh };
  });

/**
 * Refreshes the session now (optionally into another organization) and writes the new cookie.
 * Concurrent refreshes of the same session share one upstream call.
 * @throws {AuthKitError} `no_session` when signed out.
 */
export const refreshSession = createServerFn({ method: 'POST' })
  .validator((input: { organizationId?: string | undefined } | undefined) => ({
    organizationId: optionalString(record(input).organizationId, 'organizationId'),
  }))
  .handler(async ({ data }): Promise<RefreshedAuth> => {
    const state = await getRequestState();
    if (!state.session) throw new AuthKitError('no_session', 'Sign in before refreshing the session');
    const options = {
      request: getRequest(),
      ...(data.organizationId ? { organizationId: data.organizationId } : {}),
    };
    applyResult(state, await state.core.refreshSession(state.session, options));
    return { auth: toClientAuth(state.auth), refresh: state.refresh };
  });

/**
 * The current access token, refreshed first when it expires within `minValiditySeconds`
 * (default 30). `null` when signed out. Used by `useAccessToken()`.
 */
export const getAccessToken = createServerFn({ method: 'POST' })
  .validator((input: { minValiditySeconds?: number | undefined } | undefined) => {
    const seconds = record(input).minValiditySeconds;
    return { minValiditySeconds: typeof seconds === 'number' && seconds >= 0 ? Math.min(seconds, 300) : 30 };
  })
  .handler(async ({ data }): Promise<RefreshedAuth> => {
    const state = await getRequestState();
    applyResult(state, await getFreshAccessToken(state.core, state, { ...data, request: getRequest() }));
    return { auth: toClientAuth(state.auth), refresh: state.refresh };
  });
