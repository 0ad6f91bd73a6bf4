import { runAdapterContract } from '@authkit-ssr/adapter-contract';
import { nextjsEdgeTarget } from './example-targets.ts';

runAdapterContract(nextjsEdgeTarget);
