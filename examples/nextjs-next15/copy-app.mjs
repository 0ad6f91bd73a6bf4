// examples/nextjs built with Next.js 15: the same sources, with the one change Next.js 15 needs.
// Next.js 15 has no proxy.ts: it runs middleware.ts, whose function is exported as `middleware`, and
// on the edge runtime unless its config asks for Node.js (`runtime: 'nodejs'`, stable since 15.5).
// This app's proxy must run on Node.js: lib/authkit.ts can refresh through node-redis (TCP sockets).
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const source = new URL('../nextjs/', import.meta.url);
for (const dir of ['app', 'lib']) {
  rmSync(new URL(dir, import.meta.url), { recursive: true, force: true });
  cpSync(new URL(dir, source), new URL(dir, import.meta.url), { recursive: true });
}
cpSync(new URL('instrumentation.ts', source), new URL('instrumentation.ts', import.meta.url));

// The two edits, each of which must find its text once: if proxy.ts changes shape, fail the build
// rather than write a middleware.ts that Next.js 15 would run on the edge runtime, or not at all.
const edits = [
  ['export const proxy =', 'export const middleware ='],
  ['export const config = {', "export const config = {\n  runtime: 'nodejs',"],
];
let middleware = readFileSync(new URL('proxy.ts', source), 'utf8');
for (const [from, to] of edits) {
  if (middleware.split(from).length !== 2)
    throw new Error(`copy-app.mjs: "${from}" not found once in proxy.ts`);
  middleware = middleware.replace(from, to);
}
writeFileSync(new URL('middleware.ts', import.meta.url), middleware);
