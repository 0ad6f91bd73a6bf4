// Serves the production build (`build/` of the current directory, from adapter-node) on HOST:PORT
// (default 127.0.0.1:3000), or `node server.js --host H --port P`. The other SvelteKit examples
// (examples/sveltekit-kit2, -migration…) run their builds with this file too.
//
// adapter-node takes every request for https unless PROTOCOL_HEADER names a header that says
// otherwise; SvelteKit's CSRF check then refuses same-origin form posts made over plain http
// (403 "Cross-site POST form submissions are forbidden"). This server is reached directly over
// plain http, so unless you set PROTOCOL_HEADER yourself (behind a TLS-terminating proxy), it
// tells adapter-node the truth through a header of its own, overwriting anything a client sent.
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const PROTOCOL_HEADER = 'x-authkit-example-protocol';
const direct = !process.env.PROTOCOL_HEADER;
if (direct) process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;

// A computed specifier: the type checker (checkJs) must not walk into the generated build.
const { handler } = await import(pathToFileURL(resolve('build/handler.js')).href);
const { values: args } = parseArgs({ options: { host: { type: 'string' }, port: { type: 'string' } } });
const host = args.host ?? process.env.HOST ?? '127.0.0.1';
const port = Number(args.port ?? process.env.PORT ?? 3000);

const server = createServer((req, res) => {
  if (direct) req.headers[PROTOCOL_HEADER] = 'http';
  handler(req, res);
});
server.listen(port, host, () => console.log(`Listening on http://${host}:${port}`));

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
