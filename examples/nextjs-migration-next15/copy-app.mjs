// The migration app, built with Next.js 15: the same sources as examples/nextjs-migration, with the
// one change WorkOS's kit documents for Next.js 15 (middleware.ts with authkitMiddleware instead of
// proxy.ts with authkitProxy).
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const source = new URL('../nextjs-migration/', import.meta.url);
rmSync(new URL('app', import.meta.url), { recursive: true, force: true });
cpSync(new URL('app', source), new URL('app', import.meta.url), { recursive: true });
const proxy = readFileSync(new URL('proxy.ts', source), 'utf8');
writeFileSync(
  new URL('middleware.ts', import.meta.url),
  proxy.replaceAll('authkitProxy', 'authkitMiddleware'),
);
