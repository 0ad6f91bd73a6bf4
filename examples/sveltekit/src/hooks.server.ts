import { authkitHandle } from '@authkit-ssr/sveltekit';
import type { Handle } from '@sveltejs/kit/hooks';
import { sequence } from '@sveltejs/kit/hooks';
import * as env from '$app/env/private';

// Handles that run after authkitHandle see `event.locals.auth`. This one only labels responses.
const signedInHeader: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  response.headers.set('x-example-signed-in', event.locals.auth ? 'yes' : 'no');
  return response;
};

// Explicit options would win over the environment: authkitHandle({ env, cookieName: 'my-session' }).
export const handle = sequence(authkitHandle({ env }), signedInHeader);
