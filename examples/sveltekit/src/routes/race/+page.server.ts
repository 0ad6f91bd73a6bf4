import { DEMO_SINGLE_FLIGHT_HEADER } from '@authkit-ssr/core';
import { getAuthState } from '@authkit-ssr/sveltekit';
import type { PageServerLoad } from './$types';

// What the race page needs (no token: this reaches the HTML). The header name comes from core, so
// the browser bundle needs none of core.
export const load: PageServerLoad = (event) => ({
  demoMode: getAuthState(event).core.options.demoMode,
  singleFlightHeader: DEMO_SINGLE_FLIGHT_HEADER,
});
