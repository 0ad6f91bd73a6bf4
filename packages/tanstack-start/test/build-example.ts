import { buildBeforeTests } from '@authkit-ssr/adapter-contract';
import { tanstackStartTarget } from './example-target.ts';
import { migrationTarget, REACT_MAJORS } from './migration-target.ts';

/**
 * Vitest global setup: one production build of each app for every test file: the example (with the
 * adapter), then the migration app once per React major.
 */
export default buildBeforeTests(tanstackStartTarget, ...REACT_MAJORS.map(migrationTarget));
