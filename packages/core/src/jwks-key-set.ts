import { AuthKitError } from './errors.js';
import type { RsaPublicJwk, SignatureEngine } from './signature-engine.js';

export interface JwksKeySetOptions<Key> {
  jwksUrl: string;
  engine: SignatureEngine<Key>;
  now: () => number;
  fetch?: typeof fetch | undefined;
}

/** Defaults of jose's remote key set, which this replaces. */
const FETCH_TIMEOUT_MS = 5_000;
const MAX_AGE_MS = 10 * 60_000;
const MAX_KEYS = 64;

interface UsableKey<Key> {
  kid: string | undefined;
  key: Key;
}

function isUsableForRs256(jwk: Record<string, unknown>): jwk is Record<string, unknown> & RsaPublicJwk {
  const { kty, alg, use, key_ops: keyOps, n, e } = jwk;
  return (
    kty === 'RSA' &&
    typeof n === 'string' &&
    typeof e === 'string' &&
    (alg === undefined || alg === 'RS256') &&
    (use === undefined || use === 'sig') &&
    (keyOps === undefined || (Array.isArray(keyOps) && keyOps.includes('verify')))
  );
}

/**
 * The remote JWKS, with each usable key imported once per load (a `KeyObject` on Node, a
 * `CryptoKey` on edge) and the whole set replaced when it is reloaded. Loads are shared by
 * concurrent callers; the set is reloaded when older than ten minutes.
 */
export class JwksKeySet<Key> {
  readonly #options: JwksKeySetOptions<Key>;
  #keys: readonly UsableKey<Key>[] | undefined;
  #loadedAt = Number.NEGATIVE_INFINITY;
  #pending: Promise<void> | undefined;

  constructor(options: JwksKeySetOptions<Key>) {
    this.#options = options;
  }

  /**
   * Keys for a token's `kid` (every key when the token names none), loading the set first if needed.
   * @throws {AuthKitError} `jwks_unavailable`
   */
  async keysFor(kid: string | undefined): Promise<Key[]> {
    if (!this.#keys || this.#options.now() - this.#loadedAt >= MAX_AGE_MS) await this.reload();
    return this.#match(kid);
  }

  /** Fetches the set again (shared with a load already under way). */
  reload(): Promise<void> {
    if (!this.#pending) {
      const current = this.#load().finally(() => {
        if (this.#pending === current) this.#pending = undefined;
      });
      this.#pending = current;
    }
    return this.#pending;
  }

  #match(kid: string | undefined): Key[] {
    const keys = this.#keys ?? [];
    return (kid === undefined ? keys : keys.filter((entry) => entry.kid === kid)).map((entry) => entry.key);
  }

  async #load(): Promise<void> {
    const fetchImpl = this.#options.fetch ?? fetch;
    let body: unknown;
    try {
      const response = await fetchImpl(this.#options.jwksUrl, {
        headers: { accept: 'application/json, application/jwk-set+json' },
        redirect: 'manual',
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      });
      if (response.status !== 200) {
        await response.body?.cancel();
        throw new Error(`JWKS answered ${response.status}`);
      }
      body = await response.json();
    } catch (cause) {
      throw new AuthKitError(
        'jwks_unavailable',
        'Could not verify the access token: the JWKS is unavailable',
        {
          cause,
        },
      );
    }
    const entries = (body as { keys?: unknown } | null)?.keys;
    if (!Array.isArray(entries)) {
      throw new AuthKitError('jwks_unavailable', 'Could not verify the access token: the JWKS is malformed');
    }
    const keys: UsableKey<Key>[] = [];
    for (const jwk of entries.slice(0, MAX_KEYS)) {
      if (typeof jwk !== 'object' || jwk === null || !isUsableForRs256(jwk)) continue;
      const key = await this.#options.engine.importRsaKey({ n: jwk.n, e: jwk.e });
      if (key !== undefined) keys.push({ kid: typeof jwk.kid === 'string' ? jwk.kid : undefined, key });
    }
    this.#keys = keys;
    this.#loadedAt = this.#options.now();
  }
}
