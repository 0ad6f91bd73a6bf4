import type { Impersonator, User } from '@workos-inc/node';
import { type AuthenticationResponse as SdkAuthenticationResponse, WorkOS } from '@workos-inc/node';

/** The parts of a WorkOS authentication response that sessions need. */
export interface WorkOSAuthentication {
  accessToken: string;
  refreshToken: string;
  user: User;
  organizationId?: string | undefined;
  impersonator?: Impersonator | undefined;
  /** How the user signed in (`Password`, `GoogleOAuth`, `SSO`, …); set on code exchanges. */
  authenticationMethod?: SdkAuthenticationResponse['authenticationMethod'] | undefined;
  /** The identity provider's tokens, when the sign-in went through OAuth and WorkOS returns them. */
  oauthTokens?: SdkAuthenticationResponse['oauthTokens'] | undefined;
}

export interface AuthorizationUrlParams {
  redirectUri: string;
  state: string;
  codeChallenge: string;
  screenHint?: 'sign-in' | 'sign-up' | undefined;
  loginHint?: string | undefined;
  organizationId?: string | undefined;
  domainHint?: string | undefined;
  prompt?: string | undefined;
  maxAgeSeconds?: number | undefined;
}

/**
 * The WorkOS endpoints core calls, and nothing else. The default implementation wraps
 * `@workos-inc/node`; tests and custom transports implement it directly.
 * Failures are thrown as {@link WorkOSRequestError}.
 */
export interface WorkOSApi {
  authenticateWithRefreshToken(params: {
    refreshToken: string;
    organizationId?: string | undefined;
    signal?: AbortSignal;
  }): Promise<WorkOSAuthentication>;
  authenticateWithCode(params: { code: string; codeVerifier: string }): Promise<WorkOSAuthentication>;
  /**
   * Completes a sign-in paused by `organization_selection_required` with the organization the user
   * chose. Optional for custom implementations: without it such sign-ins fail with `code_exchange_failed`.
   */
  authenticateWithOrganizationSelection?(params: {
    pendingAuthenticationToken: string;
    organizationId: string;
  }): Promise<WorkOSAuthentication>;
  getAuthorizationUrl(params: AuthorizationUrlParams): string;
  getLogoutUrl(params: { sessionId: string; returnTo?: string | undefined }): string;
  getJwksUrl(): string;
}

/** A failed WorkOS call, reduced to what decides the session's fate. */
export class WorkOSRequestError extends Error {
  override readonly name = 'WorkOSRequestError';
  /** HTTP status; undefined for network failures. */
  readonly status: number | undefined;
  /** OAuth `error` or WorkOS `code` from the body (`invalid_grant`, `organization_membership_not_found`, …). */
  readonly errorCode: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  /** Set when WorkOS paused a sign-in (`organization_selection_required`, …): the token to continue it. */
  readonly pendingAuthenticationToken: string | undefined;
  /** The raw `organizations` of an `organization_selection_required` answer. */
  readonly organizations: unknown;

  constructor(
    message: string,
    details: {
      status?: number | undefined;
      errorCode?: string | undefined;
      retryAfterSeconds?: number | undefined;
      pendingAuthenticationToken?: string | undefined;
      organizations?: unknown;
      cause?: unknown;
    },
  ) {
    super(message, { cause: details.cause });
    this.status = details.status;
    this.errorCode = details.errorCode;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.pendingAuthenticationToken = details.pendingAuthenticationToken;
    this.organizations = details.organizations;
  }

  /** Network errors, timeouts, rate limits and server errors: the request may succeed later. */
  get isTransient(): boolean {
    return this.status === undefined || this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

function readProperty(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && key in value
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** Maps an `@workos-inc/node` exception to a {@link WorkOSRequestError} without copying its message (it may echo input). */
export function toWorkOSRequestError(error: unknown): WorkOSRequestError {
  if (error instanceof WorkOSRequestError) return error;
  const status = readProperty(error, 'status');
  const errorCode = readProperty(error, 'error') ?? readProperty(error, 'code');
  const retryAfter = readProperty(error, 'retryAfter');
  const numericStatus = typeof status === 'number' ? status : undefined;
  // SDK ≥ 9 exposes the body as `rawData` (AuthenticationException, GenericServerException).
  const rawData = readProperty(error, 'rawData');
  const pendingToken =
    readProperty(error, 'pendingAuthenticationToken') ??
    readProperty(rawData, 'pending_authentication_token');
  return new WorkOSRequestError(
    numericStatus === undefined ? 'WorkOS could not be reached' : `WorkOS answered ${numericStatus}`,
    {
      status: numericStatus,
      errorCode: typeof errorCode === 'string' ? errorCode : undefined,
      retryAfterSeconds:
        typeof retryAfter === 'number' && Number.isFinite(retryAfter) ? retryAfter : undefined,
      pendingAuthenticationToken: typeof pendingToken === 'string' ? pendingToken : undefined,
      organizations: readProperty(rawData, 'organizations'),
      cause: error,
    },
  );
}

function toAuthentication(response: SdkAuthenticationResponse): WorkOSAuthentication {
  return {
    accessToken: response.accessToken,
    refreshToken: response.refreshToken,
    user: response.user,
    organizationId: response.organizationId,
    impersonator: response.impersonator,
    authenticationMethod: response.authenticationMethod,
    oauthTokens: response.oauthTokens,
  };
}

export interface WorkOSApiOptions {
  clientId: string;
  apiKey: string;
  apiHostname: string;
  apiHttps: boolean;
  apiPort: number | undefined;
  /** Per-request deadline. */
  timeoutSeconds: number;
  /**
   * The SDK's `WorkOS` class to build the client with. Default: the `@workos-inc/node` this package
   * resolves. Pass another major's class (10, 11 or 12) when the app pins its own copy.
   */
  WorkOS?: new (
    apiKey: string,
    options: ConstructorParameters<typeof WorkOS>[1],
  ) => Pick<WorkOS, 'userManagement'>;
}

/** The default {@link WorkOSApi}: `@workos-inc/node` with its own retries off, since core bounds and paces retries itself. */
export function createWorkOSApi(options: WorkOSApiOptions): WorkOSApi {
  const WorkOSClass = options.WorkOS ?? WorkOS;
  const workos = new WorkOSClass(options.apiKey, {
    clientId: options.clientId,
    apiHostname: options.apiHostname,
    https: options.apiHttps,
    ...(options.apiPort ? { port: options.apiPort } : {}),
    // SDK ≥ 10.8 retries 429/5xx up to 3 times and honours Retry-After up to 60 s: a refresh could hang
    // for minutes. Core retries within refreshTimeoutSeconds instead.
    maxRetries: 0,
    timeout: options.timeoutSeconds * 1000,
  });
  const userManagement = workos.userManagement;

  return {
    async authenticateWithRefreshToken({ refreshToken, organizationId }) {
      try {
        const response = await userManagement.authenticateWithRefreshToken({
          clientId: options.clientId,
          refreshToken,
          ...(organizationId ? { organizationId } : {}),
        });
        return toAuthentication(response);
      } catch (error) {
        throw toWorkOSRequestError(error);
      }
    },
    async authenticateWithCode({ code, codeVerifier }) {
      try {
        const response = await userManagement.authenticateWithCode({
          clientId: options.clientId,
          code,
          codeVerifier,
        });
        return toAuthentication(response);
      } catch (error) {
        throw toWorkOSRequestError(error);
      }
    },
    async authenticateWithOrganizationSelection({ pendingAuthenticationToken, organizationId }) {
      try {
        const response = await userManagement.authenticateWithOrganizationSelection({
          clientId: options.clientId,
          pendingAuthenticationToken,
          organizationId,
        });
        return toAuthentication(response);
      } catch (error) {
        throw toWorkOSRequestError(error);
      }
    },
    getAuthorizationUrl(params) {
      return userManagement.getAuthorizationUrl({
        provider: 'authkit',
        clientId: options.clientId,
        redirectUri: params.redirectUri,
        state: params.state,
        codeChallenge: params.codeChallenge,
        codeChallengeMethod: 'S256',
        ...(params.screenHint ? { screenHint: params.screenHint } : {}),
        ...(params.loginHint ? { loginHint: params.loginHint } : {}),
        ...(params.organizationId ? { organizationId: params.organizationId } : {}),
        ...(params.domainHint ? { domainHint: params.domainHint } : {}),
        ...(params.prompt ? { prompt: params.prompt } : {}),
        ...(params.maxAgeSeconds !== undefined ? { maxAge: params.maxAgeSeconds } : {}),
      });
    },
    getLogoutUrl({ sessionId, returnTo }) {
      return userManagement.getLogoutUrl({ sessionId, ...(returnTo ? { returnTo } : {}) });
    },
    getJwksUrl() {
      return userManagement.getJwksUrl(options.clientId);
    },
  };
}
