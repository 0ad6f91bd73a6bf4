import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

/** A request as handlers see it: the body already read and parsed. */
export interface EmulatorRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  /** JSON object or form fields; `{}` for an empty body. */
  body: Record<string, unknown>;
  /** Set when the body could not be parsed (malformed JSON, not an object, too large). */
  bodyError: string | null;
  /** Path parameters of the matched route. */
  params: Record<string, string>;
}

/** What a handler answers: JSON (`body`), HTML (`html`) or nothing (a redirect). */
export interface EmulatorResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  html?: string;
}

// Requests the emulator handles are tiny; the cap only protects it from a runaway client.
const MAX_BODY_BYTES = 1024 * 1024;

/** Reads and parses the body of a Node request (JSON or `application/x-www-form-urlencoded`). */
export async function readRequestBody(
  req: IncomingMessage,
): Promise<{ body: Record<string, unknown>; bodyError: string | null }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return { body: {}, bodyError: 'The request body is too large.' };
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return { body: {}, bodyError: null };
  const contentType = String(req.headers['content-type'] ?? '').toLowerCase();
  if (contentType.includes('application/x-www-form-urlencoded')) {
    return { body: Object.fromEntries(new URLSearchParams(text)), bodyError: null };
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return { body: {}, bodyError: 'The request body must be a JSON object.' };
    }
    return { body: parsed as Record<string, unknown>, bodyError: null };
  } catch {
    return { body: {}, bodyError: 'The request body is not valid JSON.' };
  }
}

/** A JSON answer. */
export function json(status: number, body: unknown, headers?: Record<string, string>): EmulatorResponse {
  return headers ? { status, body, headers } : { status, body };
}

/** An OAuth-shaped error, `{ error, error_description }`, as `/user_management/authenticate` sends them. */
export function oauthError(error: string, description: string, status = 400): EmulatorResponse {
  return { status, body: { error, error_description: description } };
}

/** A 302 to `location`, without a body. */
export function redirect(location: string): EmulatorResponse {
  return { status: 302, headers: { location } };
}

/** 401 unless the request carries `Authorization: Bearer <apiKey>`. */
export function checkApiKey(request: EmulatorRequest, apiKey: string): EmulatorResponse | null {
  if (request.headers.authorization === `Bearer ${apiKey}`) return null;
  return json(401, { message: 'Unauthorized' });
}

/** A string field of the body or query, or undefined when absent or not a non-empty string. */
export function stringField(
  source: Record<string, unknown> | URLSearchParams,
  name: string,
): string | undefined {
  const value = source instanceof URLSearchParams ? source.get(name) : source[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** WorkOS's 422 for missing or invalid parameters. */
export function invalidParameters(fields: string[], message?: string): EmulatorResponse {
  return json(422, {
    code: 'invalid_request_parameters',
    message: message ?? `Validation failed: ${fields.join(', ')}.`,
    errors: fields.map((field) => ({ code: `${field}_required`, field })),
  });
}
