/**
 * A path pattern in the syntax of Next.js's `config.matcher` (path-to-regexp): `/about`,
 * `/blog/:slug`, `/docs/:path*` (zero or more segments), `/api/:path+` (one or more),
 * `/:locale?/pricing`, a trailing `*` wildcard — or a `RegExp` tested against the pathname.
 */
export type PathPattern = string | RegExp;

const compiled = new Map<string, RegExp>();

function compile(pattern: string): RegExp {
  let regex = compiled.get(pattern);
  if (regex) return regex;
  let source = '';
  // Each piece is a literal, a named segment with an optional modifier, or a `*` wildcard.
  for (const [, slash = '', name, modifier, literal, star] of pattern.matchAll(
    /(\/?):(\w+)([*+?]?)|((?:[^:*/]|\/(?!:))+)|(\*)/g,
  )) {
    if (name !== undefined) {
      const segment = `${slash === '/' ? '/' : ''}[^/]+`;
      if (modifier === '*') source += `(?:${slash === '/' ? '/' : ''}.*)?`;
      else if (modifier === '+') source += `${slash === '/' ? '/' : ''}.+`;
      else if (modifier === '?') source += `(?:${segment})?`;
      else source += segment;
    } else if (literal !== undefined) {
      source += literal.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    } else if (star !== undefined) {
      source += '.*';
    }
  }
  regex = new RegExp(`^${source}/?$`);
  compiled.set(pattern, regex);
  return regex;
}

/** Whether `pathname` matches one of `patterns`. */
export function matchesPath(pathname: string, patterns: readonly PathPattern[]): boolean {
  return patterns.some((pattern) =>
    typeof pattern === 'string' ? compile(pattern).test(pathname) : pattern.test(pathname),
  );
}
