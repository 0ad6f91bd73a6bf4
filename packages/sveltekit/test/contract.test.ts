import { runAdapterContract } from '@authkit-ssr/adapter-contract';
import { exampleTargets, migrationTargets } from './example-target.ts';

// Built once by the global setup (test/build-example.ts): the example and the app written for
// @workos/authkit-sveltekit, each on SvelteKit 3 and SvelteKit 2.
for (const target of [...exampleTargets, ...migrationTargets]) runAdapterContract(target);
