import { DEMO_SINGLE_FLIGHT_HEADER } from '@authkit-ssr/core';
import { withAuth } from '@authkit-ssr/nextjs';
import { demoCore } from '../../lib/demo-core';
import { RacePanel } from './race-panel';

// Public (middleware.ts protects /account only): signed out (after a burst without single-flight,
// say), the page offers sign-in itself. What it passes to the browser holds no token; the header
// name comes from core, so the browser bundle needs none of core.
export default async function RacePage() {
  const auth = await withAuth();
  return (
    <RacePanel
      demoMode={demoCore().options.demoMode}
      signedIn={auth.user !== null}
      singleFlightHeader={DEMO_SINGLE_FLIGHT_HEADER}
    />
  );
}
