import { buildBeforeTests } from '@authkit-ssr/adapter-contract';
import { exampleTargets, migrationTargets } from './example-target.ts';

/** Vitest global setup: one production build of the adapter and of each app per SvelteKit major, for every test file. */
export default buildBeforeTests(...exampleTargets, ...migrationTargets);
