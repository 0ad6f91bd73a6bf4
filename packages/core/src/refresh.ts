import { AuthKitError } from './errors.js';
import { sha256Base64Url } from './web-crypto.js';
import {
  toWorkOSRequestError,
  type WorkOSApi,
  type WorkOSAuthentication,
  WorkOSRequestError,
} from './workos-api.js';

/**
 * The single-flight key of a refresh: SHA-256 of `refreshToken \0 organizationId`. Raw tokens
 * never become keys, log lines or metric labels.
 */
export function refreshKey(refreshToken: string, organizationId: string | undefined): Promise<string> {
  return sha256Base64Url(`${refreshToken}\0${organizationId ?? ''}`);
}

// Answers that end the session for good. Everything else (outages, our own misconfiguration,
// unexpected statuses) keeps the cookie: a user is never signed out because WorkOS had a bad minute.
const SESSION_ENDING_ERRORS = new Set([
  'invalid_grant',
  'mfa_enrollment',
  'sso_required',
  'mfa_challenge',
  'email_verification_required',
  'organization_selection_required',
]);
const ORGANIZATION_ERRORS = new Set([
  'organization_not_found',
  'organization_membership_not_found',
  'invalid_organization_id',
]);

export interface RefreshRequest {
  refreshToken: string;
  organizationId: string | undefined;
  /** True when the organization was asked for (a switch), false when it was read from the token. */
  organizationExplicit: boolean;
}

export interface RefreshPolicy {
  timeoutSeconds: number;
  now: () => number;
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

function withDeadline<T>(promise: Promise<T>, milliseconds: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new WorkOSRequestError('WorkOS did not answer before the refresh deadline', { status: 408 })),
      Math.max(0, milliseconds),
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Maps a failed refresh to the error callers see: a rejection ends the session, an outage keeps it. */
export function classifyRefreshFailure(error: WorkOSRequestError, request: RefreshRequest): AuthKitError {
  const code = error.errorCode;
  if (
    !error.isTransient &&
    code !== undefined &&
    ORGANIZATION_ERRORS.has(code) &&
    request.organizationExplicit
  ) {
    return new AuthKitError(
      'organization_switch_rejected',
      `WorkOS refused the organization switch (${code})`,
      {
        cause: error,
      },
    );
  }
  if (
    !error.isTransient &&
    code !== undefined &&
    (SESSION_ENDING_ERRORS.has(code) || ORGANIZATION_ERRORS.has(code))
  ) {
    return new AuthKitError('refresh_rejected', `WorkOS rejected the refresh token (${code})`, {
      cause: error,
    });
  }
  return new AuthKitError(
    'upstream_unavailable',
    error.status === undefined
      ? 'WorkOS could not be reached to refresh the session'
      : `WorkOS answered ${error.status} to the refresh`,
    {
      cause: error,
      ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
    },
  );
}

/**
 * Failures that may come after WorkOS did the work: the connection dropped or the answer missed its
 * deadline. WorkOS may have rotated the refresh token already, so the answer is lost with it.
 */
function mayHaveLostAnswer(error: WorkOSRequestError): boolean {
  return error.status === undefined || error.status === 408 || error.status === 502 || error.status === 504;
}

/** Share of the deadline the first attempt may use, so a retry after a lost answer still fits. */
const FIRST_ATTEMPT_SHARE = 0.6;

/**
 * Calls WorkOS once, and again after a 429 when its `Retry-After` still fits the deadline.
 *
 * When the answer may have been lost after WorkOS rotated the token (dropped connection, timeout),
 * the same refresh token is sent once more before the deadline: within WorkOS's reuse grace it
 * returns the same new pair and the user keeps the session. Where the token is strictly single-use
 * the retry is refused; that refusal says nothing new about the session (the first call may have
 * spent the token), so the caller still sees the outage (503, cookie kept) and the next request's
 * refresh, refused again, signs the user out cleanly.
 *
 * @throws {AuthKitError} `refresh_rejected`, `organization_switch_rejected` or `upstream_unavailable`.
 */
export async function requestRefresh(
  api: WorkOSApi,
  request: RefreshRequest,
  policy: RefreshPolicy,
): Promise<WorkOSAuthentication> {
  const deadline = policy.now() + policy.timeoutSeconds * 1000;
  let lostAnswer: WorkOSRequestError | undefined;
  for (;;) {
    const now = policy.now();
    const attemptDeadline =
      lostAnswer === undefined ? now + (deadline - now) * FIRST_ATTEMPT_SHARE : deadline;
    try {
      return await withDeadline(
        api.authenticateWithRefreshToken({
          refreshToken: request.refreshToken,
          organizationId: request.organizationId,
        }),
        attemptDeadline - policy.now(),
      );
    } catch (caught) {
      const error = toWorkOSRequestError(caught);
      if (lostAnswer !== undefined) {
        // The retry after a lost answer: a refusal is blamed on the lost answer, not on the session.
        throw classifyRefreshFailure(error.isTransient ? error : lostAnswer, request);
      }
      if (error.status === 429) {
        const waitMilliseconds = Math.max(0, error.retryAfterSeconds ?? 1) * 1000;
        if (policy.now() + waitMilliseconds < deadline) {
          await sleep(waitMilliseconds);
          continue;
        }
      } else if (mayHaveLostAnswer(error) && policy.now() < deadline) {
        lostAnswer = error;
        continue;
      }
      throw classifyRefreshFailure(error, request);
    }
  }
}
