import { seal, unseal } from 'iron-webcrypto';

// The iron parameters and the `~2` suffix of iron-session, which WorkOS's kits use: cookies stay
// readable in both directions, so an app can migrate without signing anyone out.
const IRON_OPTIONS = {
  encryption: { saltBits: 256, algorithm: 'aes-256-cbc', iterations: 1, minPasswordlength: 32 },
  integrity: { saltBits: 256, algorithm: 'sha256', iterations: 1, minPasswordlength: 32 },
  ttl: 0,
  timestampSkewSec: 60,
  localtimeOffsetMsec: 0,
} as const;
const SEAL_VERSION_SUFFIX = '~2';
// WorkOS's kits seal with password id "1" and unseal only that id.
const SEAL_PASSWORD_ID = '1';

/** Seals JSON data with the first password of the rotation list. */
export async function sealData(data: unknown, passwords: readonly string[]): Promise<string> {
  const [current] = passwords;
  if (!current) throw new Error('No password to seal with');
  const sealed = await seal(data, { id: SEAL_PASSWORD_ID, secret: current }, IRON_OPTIONS);
  return `${sealed}${SEAL_VERSION_SUFFIX}`;
}

/** Unseals with any password of the rotation list. Throws the last iron error when none fits. */
export async function unsealData(sealed: string, passwords: readonly string[]): Promise<unknown> {
  const separator = sealed.lastIndexOf('~');
  const body = separator === -1 ? sealed : sealed.slice(0, separator);
  let lastError: unknown = new Error('No password to unseal with');
  for (const password of passwords) {
    try {
      // A plain string password ignores the password id, so values sealed under any id unseal.
      return await unseal(body, password, IRON_OPTIONS);
    } catch (error) {
      lastError = error;
      // Only a wrong password is worth another try; a malformed value fails the same way for all.
      if (!(error instanceof Error) || error.message !== 'Bad hmac value') break;
    }
  }
  throw lastError;
}
