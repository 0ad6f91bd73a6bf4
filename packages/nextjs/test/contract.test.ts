import { runAdapterContract } from '@authkit-ssr/adapter-contract';
import { exampleDir, nextjsTarget } from './example-targets.ts';
import { runNextjsSpecifics } from './nextjs-specifics.ts';

// Built once by the global setup (test/build-examples.ts); the specifics start a fresh server.
runAdapterContract(nextjsTarget);
runNextjsSpecifics(nextjsTarget, exampleDir);
