import { buildBeforeTests } from '@authkit-ssr/adapter-contract';
import {
  migrationNext15Target,
  migrationTarget,
  nextjsEdgeTarget,
  nextjsNext15Target,
  nextjsTarget,
} from './example-targets.ts';

/** Vitest global setup: one production build of each example app for every test file. */
export default buildBeforeTests(
  nextjsTarget,
  nextjsNext15Target,
  nextjsEdgeTarget,
  migrationTarget,
  migrationNext15Target,
);
