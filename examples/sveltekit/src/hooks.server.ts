import { authKitHandle } from '@authkit-ssr/sveltekit';
import { sequence } from '@sveltejs/kit/hooks';
import { refreshCoordinatorFromEnv } from '#lib/server/refresh-coordinator.ts';

// Handles that run after authKitHandle see `event.locals.auth`. This one only labels responses.
// (Its type is SvelteKit's Handle, which SvelteKit 2 and 3 export from different modules.)
const signedInHeader: Parameters<typeof sequence>[0] = async ({ event, resolve }) => {
  const response = await resolve(event);
  response.headers.set('x-example-signed-in', event.locals.auth.user ? 'yes' : 'no');
  return response;
};

// REDIS_URL set → one refresh across all processes of the app, through Redis; unset → undefined,
// core's in-process single-flight.
const refreshCoordinator = refreshCoordinatorFromEnv(process.env);

// The WORKOS_* variables come from process.env (the same on SvelteKit 2 and 3); options passed
// here win over them: authKitHandle({ config: { cookieName: 'my-session' } }). `onError` sees why
// a request could not be authenticated (the handle then answers 503 and keeps the cookie).
const authKit = authKitHandle({
  config: { refreshCoordinator },
  onError: (error) =>
    console.error(`[example] authentication failed: ${'code' in error ? error.code : error.name}`),
});

export const handle = sequence(authKit, signedInHeader);
