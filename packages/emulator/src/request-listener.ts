import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { STATUS_CODES } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { EmulatorContext } from './emulator-context.js';
import { type EmulatorRequest, type EmulatorResponse, json, readRequestBody } from './http-exchange.js';
import { matchRoute } from './routes/route-table.js';

/** The prefix of the control API, which faults never apply to. */
export const CONTROL_PREFIX = '/__emulator';

/**
 * The HTTP entry point: reads the body, answers the control API, or finds the WorkOS route,
 * applies any injected fault, runs the handler and writes its response.
 */
export function createRequestListener(
  ctx: EmulatorContext,
  handleControl: (request: EmulatorRequest) => Promise<EmulatorResponse>,
  signal: AbortSignal,
): RequestListener {
  return (req, res) => {
    handle(ctx, handleControl, signal, req, res).catch((error: unknown) => {
      // A bug in a handler must not take the emulator down; answer 500 and keep serving.
      console.error('[authkit-emulator]', error);
      if (!res.headersSent && !res.destroyed) write(res, json(500, { message: 'Internal emulator error.' }));
    });
  };
}

async function handle(
  ctx: EmulatorContext,
  handleControl: (request: EmulatorRequest) => Promise<EmulatorResponse>,
  signal: AbortSignal,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  const url = new URL(req.url ?? '/', 'http://emulator.invalid');
  const { body, bodyError } = await readRequestBody(req);
  const request: EmulatorRequest = { method, url, headers: req.headers, body, bodyError, params: {} };

  if (url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
    write(res, await handleControl(request));
    return;
  }

  const matched = matchRoute(method, url.pathname);
  if (matched) ctx.stats.requests[matched.route.endpoint] += 1;
  const grantType = typeof body.grant_type === 'string' ? body.grant_type : null;
  const fault = ctx.faults.take({
    endpoint: matched?.route.endpoint ?? null,
    method,
    path: url.pathname,
    grantType,
  });
  if (fault) {
    ctx.stats.faultsApplied += 1;
    if (fault.latencyMs) {
      try {
        await delay(fault.latencyMs, undefined, { signal });
      } catch {
        res.destroy();
        return;
      }
    }
    if (fault.status !== undefined) {
      const headers: Record<string, string> =
        fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
      write(
        res,
        json(fault.status, fault.body ?? { message: STATUS_CODES[fault.status] ?? 'Error' }, headers),
      );
      return;
    }
  }

  if (!matched) {
    ctx.stats.notFound += 1;
    write(res, json(404, { message: `The requested path '${url.pathname}' could not be found.` }));
    return;
  }
  const response = matched.route.handle(ctx, { ...request, params: matched.params });
  if (fault?.dropResponseAfterWork) {
    res.socket?.destroy();
    return;
  }
  write(res, response);
}

function write(res: ServerResponse, response: EmulatorResponse): void {
  const headers: Record<string, string> = {
    'x-request-id': randomUUID(),
    'cache-control': 'no-store',
    ...response.headers,
  };
  let payload = '';
  if (response.html !== undefined) {
    headers['content-type'] = 'text/html; charset=utf-8';
    payload = response.html;
  } else if (response.body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(response.body);
  }
  headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(response.status, headers);
  res.end(payload);
}
