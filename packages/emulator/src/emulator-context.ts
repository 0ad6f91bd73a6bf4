import type { EmulatorState } from './emulator-state.js';
import type { FaultList } from './faults.js';
import type { EmulatorSettings } from './options.js';
import type { SigningKeyRing } from './signing-keys.js';
import type { EmulatorStats } from './stats.js';

/** What every handler works with: one per running emulator, never shared between emulators. */
export interface EmulatorContext {
  readonly state: EmulatorState;
  readonly keys: SigningKeyRing;
  readonly settings: EmulatorSettings;
  readonly faults: FaultList;
  /** Replaced wholesale by `reset()`. */
  stats: EmulatorStats;
  readonly clientId: string;
  readonly apiKey: string;
  readonly authorizationCodeTtlSeconds: number;
  readonly pendingAuthenticationTtlSeconds: number;
  /** Known once the server listens. */
  url: string;
  issuer: string;
  now(): number;
}
