import { buildBeforeTests } from '@authkit-ssr/adapter-contract';
import { sveltekitTarget } from './example-target.ts';

/** Vitest global setup: one production build of the adapter and the example for every test file. */
export default buildBeforeTests(sveltekitTarget);
