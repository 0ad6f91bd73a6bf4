import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { compilePathPatterns, matchesPath } from '../src/path-pattern.ts';

// Next.js's own matcher compiler: our patterns must mean exactly what `config.matcher` means.
const require = createRequire(import.meta.url);
const { tryToParsePath } = require('next/dist/lib/try-to-parse-path') as {
  tryToParsePath(route: string): { regexStr?: string; error?: unknown };
};
const nextMatches = (pattern: string, pathname: string) =>
  new RegExp(tryToParsePath(pattern).regexStr as string).test(pathname);

const matches = (pattern: string, pathname: string) =>
  matchesPath(pathname, compilePathPatterns([pattern], 'protectedPaths'));

const PATTERNS = [
  '/',
  '/about',
  '/blog/:slug',
  '/api/:path*',
  '/docs/:path+',
  '/:locale?/pricing',
  '/admin/(.*)',
  '/admin/:path*',
  '/user/:id(\\d+)',
  '/((?!api|_next).*)',
  '/((?!_next/static|_next/image|favicon.ico).*)',
  '/a.b',
];
const PATHS = [
  '/',
  '/about',
  '/about/',
  '/About',
  '/about/team',
  '/blog/hello',
  '/blog/hello/world',
  '/api',
  '/api/me',
  '/apis',
  '/docs',
  '/docs/a/b',
  '/pricing',
  '/fr/pricing',
  '/admin',
  '/admin/',
  '/admin/users',
  '/Admin/users',
  '/ADMIN/users',
  '/user/42',
  '/user/abc',
  '/User/42',
  '/_next/static/chunk.js',
  '/_next/data/x.json',
  '/favicon.ico',
  '/axb',
  '/a.b',
];

describe('path patterns', () => {
  it.each(PATTERNS)('%s matches exactly the paths Next.js’s matcher matches', (pattern) => {
    for (const pathname of PATHS)
      expect(matches(pattern, pathname), `${pattern} against ${pathname}`).toBe(
        nextMatches(pattern, pathname),
      );
  });

  it.each([
    ['/admin/(.*)', '/admin/users', true],
    ['/admin/(.*)', '/Admin/users', false],
    ['/user/:id(\\d+)', '/user/42', true],
    ['/user/:id(\\d+)', '/user/abc', false],
    ['/((?!api|_next).*)', '/account', true],
    ['/((?!api|_next).*)', '/api/me', false],
  ])('%s against %s → %s (the forms of Next.js’s docs)', (pattern, pathname, expected) => {
    expect(matches(pattern, pathname)).toBe(expected);
  });

  it('refuses a pattern path-to-regexp cannot read when the proxy is created, naming it', () => {
    for (const pattern of ['/admin/(', '/user/:id(\\d+', '/:'])
      expect(() => compilePathPatterns(['/ok', pattern], 'protectedPaths')).toThrow(
        expect.objectContaining({ code: 'configuration_invalid', message: expect.stringContaining(pattern) }),
      );
  });

  it('accepts regular expressions', () => {
    expect(matchesPath('/admin/users', compilePathPatterns([/^\/admin\//], 'protectedPaths'))).toBe(true);
    expect(matchesPath('/home', compilePathPatterns([/^\/admin\//], 'protectedPaths'))).toBe(false);
  });
});
