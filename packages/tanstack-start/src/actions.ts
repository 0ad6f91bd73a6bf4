import { getFreshAccessToken } from '@authkit-ssr/core';
import { createServerFn } from '@tanstack/react-start';
import { getRequest } from '@tanstack/react-start/server';
import { applyResult, getRequestState } from './request-state.js';
import { assertSameOrigin } from './same-origin.js';
import { type ClientUserInfo, type NoUserInfo, toUserInfo } from './user-info.js';

// The kit's "actions": the server functions its React provider and hooks call. Never with the
// access token except the two whose job it is.

/** Whether the request has a session (the provider's focus check). */
export const checkSessionAction = createServerFn({ method: 'GET' }).handler(
  async (): Promise<boolean> => getRequestState().auth !== null,
);

/** The request's auth without the access token: what `AuthKitProvider` holds. */
export const getAuthAction = createServerFn({ method: 'GET' }).handler(
  async (): Promise<ClientUserInfo | NoUserInfo> => toUserInfo(getRequestState().auth),
);

/** Refreshes the session now (optionally into another organization); `{ user: null }` when signed out. */
export const refreshAuthAction = createServerFn({ method: 'POST' })
  .validator((input?: { organizationId?: string | undefined }) => {
    const organizationId = input?.organizationId;
    if (organizationId !== undefined && typeof organizationId !== 'string')
      throw new TypeError('organizationId must be a string');
    return { organizationId };
  })
  .handler(async ({ data }): Promise<ClientUserInfo | NoUserInfo> => {
    const state = getRequestState();
    if (!state.session) return { user: null };
    const options = {
      request: getRequest(),
      ...(data.organizationId ? { organizationId: data.organizationId } : {}),
    };
    applyResult(state, await state.core.refreshSession(state.session, options));
    return toUserInfo(state.auth);
  });

/** Switches organization; `{ user: null }` when signed out. */
export const switchToOrganizationAction = createServerFn({ method: 'POST' })
  .validator((input: { organizationId: string }) => {
    if (typeof input?.organizationId !== 'string' || !input.organizationId)
      throw new TypeError('organizationId is required');
    return { organizationId: input.organizationId };
  })
  .handler(async ({ data }): Promise<ClientUserInfo | NoUserInfo> => {
    const state = getRequestState();
    if (!state.session) return { user: null };
    applyResult(state, await state.core.switchToOrganization(state.session, data.organizationId));
    return toUserInfo(state.auth);
  });

/** The current access token (refreshed first when it expires within 60 s); `undefined` when signed out. */
export const getAccessTokenAction = createServerFn({ method: 'GET' }).handler(
  async (): Promise<string | undefined> => {
    const state = getRequestState();
    applyResult(state, await getFreshAccessToken(state.core, state, { request: getRequest() }));
    return state.auth?.accessToken;
  },
);

/** A new access token (always refreshes); `undefined` when signed out. */
export const refreshAccessTokenAction = createServerFn({ method: 'POST' }).handler(
  async (): Promise<string | undefined> => {
    const state = getRequestState();
    if (!state.session) return undefined;
    applyResult(state, await state.core.refreshSession(state.session, { request: getRequest() }));
    return state.auth?.accessToken;
  },
);

/**
 * Ends the session for the client's `signOut()`: clears the cookie on this response and returns
 * WorkOS's logout URL to navigate to (`null` when there was no session).
 */
export const signOutAction = createServerFn({ method: 'POST' })
  .validator((input?: { returnTo?: string | undefined }) => {
    const returnTo = input?.returnTo;
    if (returnTo !== undefined && typeof returnTo !== 'string')
      throw new TypeError('returnTo must be a string');
    return { returnTo };
  })
  .handler(async ({ data }): Promise<{ url: string | null }> => {
    const state = getRequestState();
    assertSameOrigin(state);
    if (!state.session) return { url: null };
    const { redirectTo, setCookies } = await state.core.signOut(state.session, { returnTo: data.returnTo });
    applyResult(state, { auth: null, session: null, setCookies });
    return { url: redirectTo };
  });
