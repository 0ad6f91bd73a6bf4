import { runAdapterContract } from '@authkit-ssr/adapter-contract';
import { migrationNext15Target } from './example-targets.ts';
import { runMigrationBrowser } from './migration-browser.ts';

// The app written for @workos-inc/authkit-nextjs, built with Next.js 15 (middleware.ts, edge runtime).
runAdapterContract(migrationNext15Target);
runMigrationBrowser(migrationNext15Target);
