import { AuthKitError } from '@authkit-ssr/core';
import { parse, tokensToRegexp } from 'path-to-regexp';

/**
 * A path pattern with exactly the syntax and semantics of Next.js's `config.matcher` (path-to-regexp
 * 6, as Next.js compiles it): `/about`, `/blog/:slug`, `/docs/:path*`, `/api/:path+`,
 * `/:locale?/pricing`, `/admin/(.*)`, `/user/:id(\d+)`, `/((?!api|_next).*)`. Case-sensitive and
 * with an optional trailing slash, as Next.js matches. Or a `RegExp` tested against the pathname.
 */
export type PathPattern = string | RegExp;

/**
 * Compiles the patterns once, when the proxy is created: a pattern path-to-regexp cannot read is a
 * startup error, never a pattern that silently matches nothing.
 *
 * @throws {AuthKitError} `configuration_invalid` naming the pattern.
 */
export function compilePathPatterns(patterns: readonly PathPattern[], option: string): RegExp[] {
  return patterns.map((pattern) => {
    if (pattern instanceof RegExp) return pattern;
    try {
      // What Next.js does with a matcher: it keeps only the source (dropping path-to-regexp's `i`
      // flag, so matching is case-sensitive).
      return new RegExp(tokensToRegexp(parse(pattern)).source);
    } catch (cause) {
      throw new AuthKitError(
        'configuration_invalid',
        `${option}: "${pattern}" is not a Next.js matcher pattern (${cause instanceof Error ? cause.message : String(cause)})`,
        { cause },
      );
    }
  });
}

/** Whether `pathname` matches one of the compiled patterns. */
export function matchesPath(pathname: string, patterns: readonly RegExp[]): boolean {
  return patterns.some((pattern) => pattern.test(pathname));
}
