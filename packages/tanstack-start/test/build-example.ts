import { buildBeforeTests } from '@authkit-ssr/adapter-contract';
import { tanstackStartTarget } from './example-target.ts';

/** Vitest global setup: one production build of the example for every test file. */
export default buildBeforeTests(tanstackStartTarget);
