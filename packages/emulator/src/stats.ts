import { ENDPOINT_NAMES, type EndpointName } from './endpoint.js';

/** Outcomes of `authorization_code` exchanges. */
export interface AuthorizationCodeStats {
  /** Codes exchanged for tokens. */
  succeeded: number;
  /** Exchanges refused (unknown, reused or expired code, PKCE mismatch, bad client…). */
  rejected: number;
  /** Valid codes answered 403 `organization_selection_required` (not counted in `rejected`). */
  organizationSelectionRequired: number;
}

/** Outcomes of `urn:workos:oauth:grant-type:organization-selection` exchanges. */
export interface OrganizationSelectionStats {
  /** Pending sign-ins finished in the selected organization. */
  succeeded: number;
  /** Refused: unknown, spent or expired pending token, bad organization, bad client… */
  rejected: number;
}

/** Outcomes of `refresh_token` exchanges. */
export interface RefreshTokenStats {
  /** Refresh tokens exchanged for a new pair (includes organization switches). */
  succeeded: number;
  /** Exchanges refused for any reason (a subset of these are `reuseRejected`). */
  rejected: number;
  /** Refused because the token had already been exchanged (`invalid_grant`, "already exchanged"). */
  reuseRejected: number;
  /** A spent token presented again within the reuse grace and answered with the same pair. */
  reusedWithinGrace: number;
  /** Successful exchanges that moved the session to another organization (`organization_id`). */
  organizationSwitches: number;
}

/**
 * Counters since start or the last `reset()`. Requests answered by an injected fault are
 * counted in `requests` and `faultsApplied`, but not as outcomes, except faults with
 * `dropResponseAfterWork` (the work is done, so its outcome counts).
 */
export interface EmulatorStats {
  /** Requests received per endpoint. */
  requests: Record<EndpointName, number>;
  /** Requests to paths the emulator does not know (answered 404). */
  notFound: number;
  /** Requests an injected fault applied to. */
  faultsApplied: number;
  /** `POST /user_management/authenticate` outcomes per grant type. */
  authenticate: {
    authorizationCode: AuthorizationCodeStats;
    refreshToken: RefreshTokenStats;
    organizationSelection: OrganizationSelectionStats;
    /** Refused before a grant could be handled: malformed body, missing or unsupported `grant_type`. */
    invalidRequests: number;
  };
  /** `GET /sso/jwks/:clientId` answered with the key set. */
  jwksFetches: number;
  /** Sign-ins completed on the authorize endpoint (codes issued). */
  codesIssued: number;
  /** Sessions created (code exchanges and `issueSession`). */
  sessionsCreated: number;
  /** Logout URL visits. */
  logouts: number;
  /** `POST /user_management/sessions/revoke` calls that ended a session. */
  sessionsRevoked: number;
}

/** Fresh, all-zero {@link EmulatorStats}. */
export function createStats(): EmulatorStats {
  return {
    requests: Object.fromEntries(ENDPOINT_NAMES.map((name) => [name, 0])) as Record<EndpointName, number>,
    notFound: 0,
    faultsApplied: 0,
    authenticate: {
      authorizationCode: { succeeded: 0, rejected: 0, organizationSelectionRequired: 0 },
      organizationSelection: { succeeded: 0, rejected: 0 },
      refreshToken: {
        succeeded: 0,
        rejected: 0,
        reuseRejected: 0,
        reusedWithinGrace: 0,
        organizationSwitches: 0,
      },
      invalidRequests: 0,
    },
    jwksFetches: 0,
    codesIssued: 0,
    sessionsCreated: 0,
    logouts: 0,
    sessionsRevoked: 0,
  };
}
