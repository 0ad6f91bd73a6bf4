import { runAdapterContract } from '@authkit-ssr/adapter-contract';
import { migrationTarget, REACT_MAJORS } from './migration-target.ts';

// Built once per React major by the global setup (test/build-example.ts).
for (const major of REACT_MAJORS) runAdapterContract(migrationTarget(major));
