import { ENDPOINT_NAMES, type EndpointName } from './endpoint.js';
import { PathPattern } from './path-pattern.js';

/**
 * A fault to inject. It matches requests by `endpoint` name, or by `method` and `path`
 * (`*` matches any characters, `:name` one path segment); with neither it matches every
 * emulated endpoint. `grantType` narrows `authenticate` faults to one grant.
 *
 * What it does, in order: wait `latencyMs`; then either answer `status` (with `body` and
 * `Retry-After: retryAfterSeconds`) without doing the work, or, with
 * `dropResponseAfterWork`, do the work (e.g. rotate the refresh token) and destroy the socket
 * without answering. With neither, the request is handled normally after the delay.
 *
 * @example
 * ```ts
 * emulator.injectFault({ endpoint: 'authenticate', status: 429, retryAfterSeconds: 0, times: 1 });
 * emulator.injectFault({ method: 'GET', path: '/sso/jwks/*', latencyMs: 200 });
 * emulator.injectFault({ endpoint: 'authenticate', grantType: 'refresh_token', dropResponseAfterWork: true, times: 1 });
 * ```
 */
export interface FaultSpec {
  endpoint?: EndpointName;
  /** HTTP method, case-insensitive. */
  method?: string;
  /**
   * Path pattern, e.g. `/user_management/users/*` or `/organizations/:id` (at most 1 000
   * characters, matched in time proportional to pattern × path length); or a RegExp (not over HTTP).
   */
  path?: string | RegExp;
  /** Only `authenticate` requests with this `grant_type`. */
  grantType?: 'authorization_code' | 'refresh_token';
  /** Answer with this status instead of doing the work. Default `429` when `retryAfterSeconds` is set. */
  status?: number;
  /** JSON body of the `status` answer. Default `{ message: <status text> }`. */
  body?: unknown;
  /** Sends `Retry-After: <seconds>` with the `status` answer. */
  retryAfterSeconds?: number;
  /** Delay before handling, in milliseconds (at most 60 000). */
  latencyMs?: number;
  /** Do the work, then destroy the connection without a response. */
  dropResponseAfterWork?: boolean;
  /** How many matching requests the fault applies to. Default: unlimited. */
  times?: number;
}

/** What a request looks like to fault matching. */
export interface FaultTarget {
  endpoint: EndpointName | null;
  method: string;
  path: string;
  grantType: string | null;
}

const MAX_LATENCY_MS = 60_000;
const MAX_PATH_PATTERN_LENGTH = 1_000;

/** Thrown by `injectFault` (and answered 400 by the control API) for a fault it refuses. */
export class InvalidFaultError extends TypeError {
  readonly code = 'invalid_fault';
  override readonly name = 'InvalidFaultError';
}

/**
 * Checks a fault spec (it may come from JSON over HTTP) and returns a copy.
 * @throws InvalidFaultError for an invalid spec, or one that would change nothing.
 */
export function checkFaultSpec(input: unknown): FaultSpec {
  try {
    return checkFields(input);
  } catch (error) {
    if (error instanceof TypeError && !(error instanceof InvalidFaultError)) {
      throw new InvalidFaultError(error.message);
    }
    throw error;
  }
}

function checkFields(input: unknown): FaultSpec {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new TypeError('A fault must be an object.');
  }
  const spec = { ...(input as FaultSpec) };
  if (spec.endpoint !== undefined && !ENDPOINT_NAMES.includes(spec.endpoint)) {
    throw new TypeError(`Unknown endpoint "${String(spec.endpoint)}". Known: ${ENDPOINT_NAMES.join(', ')}.`);
  }
  if (spec.method !== undefined && typeof spec.method !== 'string')
    throw new TypeError('method must be a string.');
  if (spec.path !== undefined && typeof spec.path !== 'string' && !(spec.path instanceof RegExp)) {
    throw new TypeError('path must be a string pattern.');
  }
  if (typeof spec.path === 'string' && spec.path.length > MAX_PATH_PATTERN_LENGTH) {
    throw new TypeError(`path must be at most ${MAX_PATH_PATTERN_LENGTH} characters.`);
  }
  for (const key of ['status', 'retryAfterSeconds', 'latencyMs', 'times'] as const) {
    const value = spec[key];
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) {
      throw new TypeError(`${key} must be a number >= 0.`);
    }
  }
  if (spec.status !== undefined && (spec.status < 100 || spec.status > 599)) {
    throw new TypeError('status must be an HTTP status code.');
  }
  if ((spec.latencyMs ?? 0) > MAX_LATENCY_MS)
    throw new TypeError(`latencyMs must be at most ${MAX_LATENCY_MS}.`);
  if (spec.status === undefined && spec.retryAfterSeconds !== undefined) spec.status = 429;
  if (spec.dropResponseAfterWork && spec.status !== undefined) {
    throw new TypeError('A fault cannot both answer a status and drop the response.');
  }
  if (spec.status === undefined && !spec.latencyMs && spec.dropResponseAfterWork !== true) {
    throw new TypeError(
      'A fault needs an effect: status, retryAfterSeconds, latencyMs or dropResponseAfterWork.',
    );
  }
  return spec;
}

/** The injected faults, first match wins; a fault with `times` is removed once used up. */
export class FaultList {
  #faults: { spec: FaultSpec; path: PathPattern | RegExp | null; remaining: number }[] = [];

  add(input: FaultSpec): void {
    const spec = checkFaultSpec(input);
    const path = typeof spec.path === 'string' ? new PathPattern(spec.path) : (spec.path ?? null);
    this.#faults.push({ spec, path, remaining: spec.times ?? Number.POSITIVE_INFINITY });
  }

  clear(): void {
    this.#faults = [];
  }

  /** The active faults, for `GET /__emulator/faults`. */
  list(): FaultSpec[] {
    return this.#faults.map(({ spec, remaining }) => ({
      ...spec,
      ...(Number.isFinite(remaining) ? { times: remaining } : {}),
    }));
  }

  /** Finds the first fault matching the request and uses up one of its `times`. */
  take(target: FaultTarget): FaultSpec | null {
    const index = this.#faults.findIndex((fault) => matches(fault.spec, fault.path, target));
    const entry = this.#faults[index];
    if (!entry) return null;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.#faults.splice(index, 1);
    return entry.spec;
  }
}

function matches(spec: FaultSpec, path: PathPattern | RegExp | null, target: FaultTarget): boolean {
  if (spec.endpoint !== undefined && spec.endpoint !== target.endpoint) return false;
  if (spec.method !== undefined && spec.method.toUpperCase() !== target.method) return false;
  if (spec.grantType !== undefined && spec.grantType !== target.grantType) return false;
  if (path !== null) return path.test(target.path);
  return spec.endpoint !== undefined || target.endpoint !== null;
}
