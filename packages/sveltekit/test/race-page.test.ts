import { describeRacePage } from '@authkit-ssr/adapter-contract';
import { exampleTargets } from './example-target.ts';

// The burst fetches an endpoint that reads the session (`/api/race-probe`), on both Kit majors.
for (const target of exampleTargets) {
  describeRacePage(target, { isBurstRequest: (pathname) => pathname === '/api/race-probe' });
}
