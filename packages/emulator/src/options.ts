import type { JsonWebKey } from 'node:crypto';
import type { EmulatorSeed } from './seed.js';

/** Options of {@link startEmulator}. Every field is optional; defaults are in {@link DEFAULTS}. */
export interface EmulatorOptions {
  /** TCP port. Default `0`: a free port, read it from `emulator.port`. */
  port?: number;
  /** Interface to listen on. Default `'127.0.0.1'` (loopback only). */
  host?: string;
  /** Initial data, or a path to a JSON file of the same shape. Default {@link DEFAULT_SEED}. */
  seed?: EmulatorSeed | string;
  /** The one client id the emulator accepts. Default `'client_emulator'`. */
  clientId?: string;
  /** The API key (`Authorization: Bearer …` and `client_secret`). Default `'sk_test_emulator'`. */
  apiKey?: string;
  /** Lifetime of access tokens, in seconds. Default `300`, as WorkOS. */
  accessTokenTtlSeconds?: number;
  /** `iss` claim of access tokens. Default `${url}/user_management/${clientId}`, the form real tokens carry. */
  issuer?: string;
  /** Headless mode: authorize redirects at once with a code for the `login_hint` user, else the first user. Default `false`. */
  autoLogin?: boolean;
  /**
   * Seconds after a refresh token is exchanged during which presenting it again returns the
   * same rotated pair instead of `invalid_grant`. Default `0`: strict single use.
   */
  refreshReuseGraceSeconds?: number;
  /** Lifetime of authorization codes, in seconds. Default `600`. */
  authorizationCodeTtlSeconds?: number;
  /**
   * The emulator's clock, in milliseconds since the epoch (a fake clock in tests). Default
   * `Date.now`. Every timestamp it issues or checks (`iat`, `exp`, code expiry, the reuse
   * grace) reads this clock plus {@link EmulatorSettings.clockOffsetSeconds}.
   */
  now?: () => number;
  /** Initial {@link EmulatorSettings.clockOffsetSeconds}. Default `0`. */
  clockOffsetSeconds?: number;
  /** Initial {@link EmulatorSettings.organizationSelection}. Default `false`. */
  organizationSelection?: boolean;
  /** Lifetime of `pending_authentication_token`s, in seconds. Default `600`. */
  pendingAuthenticationTtlSeconds?: number;
  /**
   * The signing key: a private RSA JWK, or a path to a JSON file holding one (written with a
   * fresh key when missing). Default: derived from {@link EmulatorOptions.signingKeySeed}.
   */
  signingKey?: JsonWebKey | string;
  /** Seed the default signing key is derived from, so restarts keep the same key and `kid`. Default `'authkit-emulator'`. */
  signingKeySeed?: string;
}

/** The single source of every default of {@link EmulatorOptions}. */
export const DEFAULTS = {
  port: 0,
  host: '127.0.0.1',
  clientId: 'client_emulator',
  apiKey: 'sk_test_emulator',
  accessTokenTtlSeconds: 300,
  autoLogin: false,
  refreshReuseGraceSeconds: 0,
  authorizationCodeTtlSeconds: 600,
  clockOffsetSeconds: 0,
  organizationSelection: false,
  pendingAuthenticationTtlSeconds: 600,
  signingKeySeed: 'authkit-emulator',
} as const;

/** The settings that can change while the emulator runs (`emulator.configure()` / `POST /__emulator/config`). */
export interface EmulatorSettings {
  accessTokenTtlSeconds: number;
  refreshReuseGraceSeconds: number;
  autoLogin: boolean;
  /**
   * Shifts the emulator's clock by this many seconds (negative: into the past). With `-3600`,
   * a sign-in or refresh issues an access token whose `iat` and `exp` lie an hour back, so it
   * is already expired when the client receives it.
   */
  clockOffsetSeconds: number;
  /**
   * Every user with two or more active memberships must pick an organization: the code
   * exchange answers 403 `organization_selection_required` (unless authorize named an
   * organization), and the `urn:workos:oauth:grant-type:organization-selection` grant finishes
   * the sign-in. Per user: the seed's `organizationSelection`.
   */
  organizationSelection: boolean;
}

/** Checks a partial {@link EmulatorSettings} and returns the valid fields. */
export function checkSettings(patch: Partial<EmulatorSettings>): Partial<EmulatorSettings> {
  const out: Partial<EmulatorSettings> = {};
  if (patch.accessTokenTtlSeconds !== undefined) {
    if (!Number.isFinite(patch.accessTokenTtlSeconds))
      throw new TypeError('accessTokenTtlSeconds must be a number.');
    out.accessTokenTtlSeconds = patch.accessTokenTtlSeconds;
  }
  if (patch.refreshReuseGraceSeconds !== undefined) {
    if (!Number.isFinite(patch.refreshReuseGraceSeconds) || patch.refreshReuseGraceSeconds < 0) {
      throw new TypeError('refreshReuseGraceSeconds must be a number >= 0.');
    }
    out.refreshReuseGraceSeconds = patch.refreshReuseGraceSeconds;
  }
  if (patch.clockOffsetSeconds !== undefined) {
    if (!Number.isFinite(patch.clockOffsetSeconds))
      throw new TypeError('clockOffsetSeconds must be a number.');
    out.clockOffsetSeconds = patch.clockOffsetSeconds;
  }
  if (patch.organizationSelection !== undefined) {
    if (typeof patch.organizationSelection !== 'boolean') {
      throw new TypeError('organizationSelection must be a boolean.');
    }
    out.organizationSelection = patch.organizationSelection;
  }
  if (patch.autoLogin !== undefined) {
    if (typeof patch.autoLogin !== 'boolean') throw new TypeError('autoLogin must be a boolean.');
    out.autoLogin = patch.autoLogin;
  }
  return out;
}
