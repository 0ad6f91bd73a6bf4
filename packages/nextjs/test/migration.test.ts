import { runAdapterContract } from '@authkit-ssr/adapter-contract';
import { migrationTarget } from './example-targets.ts';
import { runMigrationBrowser } from './migration-browser.ts';

// An app written only against @workos-inc/authkit-nextjs's documented API, on Next.js 16.
runAdapterContract(migrationTarget);
runMigrationBrowser(migrationTarget);
