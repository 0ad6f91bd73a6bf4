import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAdapterContract } from '@authkit-ssr/adapter-contract';
import { describe, expect, it } from 'vitest';
import { runNextjsBrowser } from './browser.ts';
import { nextjsNext15Dir, nextjsNext15Target } from './example-targets.ts';
import { runNextjsSpecifics } from './nextjs-specifics.ts';

// examples/nextjs built with Next.js 15, built once by the global setup: the same suites as on
// Next.js 16 (contract.test.ts, browser.test.ts; race-page.test.ts runs its race page).
runAdapterContract(nextjsNext15Target);
runNextjsSpecifics(nextjsNext15Target, nextjsNext15Dir);
runNextjsBrowser(nextjsNext15Target);

describe(`build: ${nextjsNext15Target.name}`, () => {
  // Next.js 15 runs middleware.ts on the edge runtime unless it asks for Node.js (copy-app.mjs).
  it('runs middleware.ts on the Node.js runtime, not on the edge runtime', () => {
    const read = (file: string) =>
      JSON.parse(readFileSync(join(nextjsNext15Dir, '.next/server', file), 'utf8'));
    expect(read('functions-config-manifest.json').functions['/_middleware'].runtime).toBe('nodejs');
    expect(read('middleware-manifest.json').middleware).toEqual({});
  });
});
