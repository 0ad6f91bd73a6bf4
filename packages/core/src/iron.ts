import { type IronEngine, IronHmacError, parseSeal } from './iron-format.js';
import { createNodeIronEngine } from './iron-node.js';
import { createWebIronEngine } from './iron-web.js';
import { nodeBuiltins } from './node-crypto.js';

// The `~2` suffix and password id of iron-session, which WorkOS's kits use: cookies stay readable
// in both directions, so an app can migrate without signing anyone out.
const SEAL_VERSION_SUFFIX = '~2';
// WorkOS's kits seal with password id "1" and unseal only that id.
const SEAL_PASSWORD_ID = '1';

/** `node:crypto` where the runtime has it, Web Crypto elsewhere (edge). */
export const defaultIronEngine: IronEngine = nodeBuiltins
  ? createNodeIronEngine(nodeBuiltins)
  : createWebIronEngine();

/** Seals JSON data with the first password of the rotation list. */
export async function sealData(
  data: unknown,
  passwords: readonly string[],
  engine: IronEngine = defaultIronEngine,
): Promise<string> {
  const [current] = passwords;
  if (!current) throw new Error('No password to seal with');
  const json = JSON.stringify(data);
  if (typeof json !== 'string') throw new Error('Data is not JSON serializable');
  return `${await engine.seal(json, current, SEAL_PASSWORD_ID)}${SEAL_VERSION_SUFFIX}`;
}

/**
 * Unseals with any password of the rotation list. Throws the last error when none fits.
 * The password id is ignored, so values sealed under any id unseal (as iron does for a plain password).
 */
export async function unsealData(
  sealed: string,
  passwords: readonly string[],
  engine: IronEngine = defaultIronEngine,
): Promise<unknown> {
  const separator = sealed.lastIndexOf('~');
  const parsed = parseSeal(separator === -1 ? sealed : sealed.slice(0, separator), Date.now());
  let lastError: unknown = new Error('No password to unseal with');
  for (const password of passwords) {
    let json: string;
    try {
      const opened = engine.open(parsed, password);
      // The native engine answers synchronously: no extra turn of the event loop for it.
      json = typeof opened === 'string' ? opened : await opened;
    } catch (error) {
      lastError = error;
      // Only a wrong password is worth another try; a malformed value fails the same way for all.
      if (error instanceof IronHmacError) continue;
      break;
    }
    return JSON.parse(json);
  }
  throw lastError;
}
