import { describeRacePage } from '@authkit-ssr/adapter-contract';
import { tanstackStartTarget } from './example-target.ts';

// The burst calls a server function N times in parallel, the way a navigation's loaders do.
describeRacePage(tanstackStartTarget, { isBurstRequest: (pathname) => pathname.startsWith('/_serverFn/') });
