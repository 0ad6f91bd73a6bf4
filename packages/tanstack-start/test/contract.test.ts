import { runAdapterContract } from '@authkit-ssr/adapter-contract';
import { tanstackStartTarget } from './example-target.ts';

// The example is built once by the global setup (test/build-example.ts).
runAdapterContract(tanstackStartTarget);
