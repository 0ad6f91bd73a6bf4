import { getAuthState } from '@authkit-ssr/sveltekit';
import type { RequestHandler } from './$types';

// The race demo's routes, answered by core: POST /api/demo/expire and GET /api/demo/stats. They
// exist only with AUTHKIT_DEMO_MODE=true against the emulator; otherwise core answers 404.
const handleDemoRoute: RequestHandler = async (event) =>
  (await getAuthState(event).core.handleDemoRoute(event.request)).response;

export const GET = handleDemoRoute;
export const POST = handleDemoRoute;
