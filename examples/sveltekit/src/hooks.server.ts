import { authkitHandle } from '@authkit-ssr/sveltekit';
import type { Handle } from '@sveltejs/kit/hooks';
import { sequence } from '@sveltejs/kit/hooks';
import { refreshCoordinatorFromEnv } from '#lib/server/refresh-coordinator.ts';
import * as env from '$app/env/private';

// Handles that run after authkitHandle see `event.locals.auth`. This one only labels responses.
const signedInHeader: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  response.headers.set('x-example-signed-in', event.locals.auth ? 'yes' : 'no');
  return response;
};

// REDIS_URL set → one refresh across all processes of the app, through Redis; unset → undefined,
// core's in-process single-flight. The server loads this module once the runtime env is set.
const refreshCoordinator = refreshCoordinatorFromEnv(env);

// Explicit options would win over the environment: authkitHandle({ env, cookieName: 'my-session' }).
export const handle = sequence(authkitHandle({ env, refreshCoordinator }), signedInHeader);
