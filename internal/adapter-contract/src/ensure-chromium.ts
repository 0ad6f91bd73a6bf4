import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Where Debian's `chromium` package puts the browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * The path of a Chromium for playwright-core: Debian's package, installed with apt-get when it
 * is missing and we are root (CI machines). Never downloads a browser build of its own.
 * @returns the executable path, or `undefined` when none is there and it cannot be installed.
 */
export function ensureChromium(): string | undefined {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  if (process.getuid?.() !== 0) return undefined;
  try {
    const options = { stdio: 'inherit' as const, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } };
    execFileSync('apt-get', ['update'], options);
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], options);
  } catch (error) {
    console.warn('Could not install chromium with apt-get:', error);
  }
  return existsSync(CHROMIUM_PATH) ? CHROMIUM_PATH : undefined;
}
