import { runAdapterContract } from '@authkit-ssr/adapter-contract';
import { sveltekitTarget } from './example-target.ts';

// Built once by the global setup (test/build-example.ts).
runAdapterContract(sveltekitTarget);
