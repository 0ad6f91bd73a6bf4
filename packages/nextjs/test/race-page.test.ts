import { describeRacePage } from '@authkit-ssr/adapter-contract';
import { nextjsEdgeTarget, nextjsNext15Target, nextjsTarget } from './example-targets.ts';

// The burst fetches a route handler through the proxy / middleware (`/api/race-probe`). The edge
// example's layout has no user menu; examples/nextjs's offers sign-in once signed out.
const isBurstRequest = (pathname: string) => pathname === '/api/race-probe';
describeRacePage(nextjsTarget, { isBurstRequest });
describeRacePage(nextjsNext15Target, { isBurstRequest });
describeRacePage(nextjsEdgeTarget, { isBurstRequest, layoutOffersSignIn: false });
