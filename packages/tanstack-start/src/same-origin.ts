import { AuthKitError, isSameOriginRequest } from '@authkit-ssr/core';
import { getRequest } from '@tanstack/react-start/server';
import type { AuthKitRequestState } from './request-state.js';

/**
 * Refuses a state-changing call (sign-out) that did not come from the app's own pages: a link, an
 * image or a form on another site must not end anyone's session.
 * @throws {AuthKitError} `cross_site_request` (403); the cookie is left alone.
 */
export function assertSameOrigin(state: AuthKitRequestState): void {
  if (!isSameOriginRequest(getRequest(), state.core.options.appOrigin))
    throw new AuthKitError('cross_site_request', 'Sign-out must come from a page of this site');
}
