import { runAdapterContract } from '@authkit-ssr/adapter-contract';
import { exampleDir, nextjsTarget } from './example-targets.ts';
import { runNextjsSpecifics } from './nextjs-specifics.ts';

// The contract builds the example once; the specifics reuse that build with a fresh server.
runAdapterContract(nextjsTarget);
runNextjsSpecifics(nextjsTarget, exampleDir);
