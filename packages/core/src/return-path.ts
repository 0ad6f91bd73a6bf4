import { AuthKitError } from './errors.js';

const MAX_RETURN_PATH_LENGTH = 2048;

/**
 * Reduces a return target to a same-origin path (`/path?query#hash`), or throws.
 * Absolute URLs are accepted only on the app's own origin. Protocol-relative (`//host`) and
 * backslash tricks (`/\host`) are refused: open redirects (CWE-601) start there.
 *
 * @throws {AuthKitError} `redirect_not_allowed`
 */
export function toSameOriginPath(target: string | undefined, appOrigin: string): string {
  if (target === undefined || target === '') return '/';
  if (target.length > MAX_RETURN_PATH_LENGTH) {
    throw new AuthKitError('redirect_not_allowed', 'Return path is too long');
  }
  // Browsers treat backslashes as slashes and drop tabs/newlines inside URLs.
  if (target.includes('\\') || [...target].some((character) => character.charCodeAt(0) < 0x20)) {
    throw new AuthKitError('redirect_not_allowed', 'Return path contains forbidden characters');
  }
  let url: URL;
  try {
    url = new URL(target, appOrigin);
  } catch (cause) {
    throw new AuthKitError('redirect_not_allowed', 'Return path is not a valid URL', { cause });
  }
  if (url.origin !== appOrigin) {
    throw new AuthKitError('redirect_not_allowed', 'Return path points to another origin');
  }
  // Dot segments can normalise to a path that starts with `//` (`/.//evil.example`): written back as
  // a location, browsers and `new URL(path, origin)` read it as another host.
  if (url.pathname.startsWith('//')) {
    throw new AuthKitError('redirect_not_allowed', 'Return path would be read as another host');
  }
  return `${url.pathname}${url.search}${url.hash}`;
}
