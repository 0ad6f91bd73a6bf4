export type { AuthenticationMethod, Impersonator } from './emulator-state.js';
export type { EndpointName } from './endpoint.js';
export { type FaultSpec, InvalidFaultError } from './faults.js';
export type { IssueAccessTokenOptions } from './issue-access-token.js';
export { DEFAULTS, type EmulatorOptions, type EmulatorSettings } from './options.js';
export {
  DEFAULT_SEED,
  type EmulatorSeed,
  type SeedApiKey,
  type SeedDomain,
  type SeedImpersonation,
  type SeedMembership,
  type SeedOrganization,
  type SeedRole,
  type SeedUser,
} from './seed.js';
export type { AccessTokenClaims, AuthenticateResponseBody } from './session-tokens.js';
export type { PublicJwk } from './signing-keys.js';
export {
  type Emulator,
  type IssuedSession,
  type IssueSessionOptions,
  startEmulator,
} from './start-emulator.js';
export type {
  AuthorizationCodeStats,
  EmulatorStats,
  OrganizationSelectionStats,
  RefreshTokenStats,
} from './stats.js';
export type { EmulatorUser, WireUser } from './wire-format.js';
