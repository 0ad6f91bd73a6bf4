import { demoCore } from '../../../../lib/demo-core';

// The race demo's routes, answered by core: POST /api/demo/expire and GET /api/demo/stats. They
// exist only with AUTHKIT_DEMO_MODE=true against the emulator; otherwise core answers 404.
async function handleDemoRoute(request: Request): Promise<Response> {
  return (await demoCore().handleDemoRoute(request)).response;
}

export const GET = handleDemoRoute;
export const POST = handleDemoRoute;
