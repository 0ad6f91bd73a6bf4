import { describe, expect, it } from 'vitest';
import { matchesPath } from '../src/path-pattern.ts';

describe('matchesPath', () => {
  it.each([
    ['/', '/', true],
    ['/', '/account', false],
    ['/about', '/about', true],
    ['/about', '/about/', true],
    ['/about', '/about/team', false],
    ['/blog/:slug', '/blog/hello', true],
    ['/blog/:slug', '/blog/hello/world', false],
    ['/blog/:slug', '/blog', false],
    ['/api/:path*', '/api', true],
    ['/api/:path*', '/api/me', true],
    ['/api/:path*', '/api/auth/callback', true],
    ['/api/:path*', '/apis', false],
    ['/docs/:path+', '/docs', false],
    ['/docs/:path+', '/docs/a/b', true],
    ['/:locale?/pricing', '/pricing', true],
    ['/:locale?/pricing', '/fr/pricing', true],
    ['/files/*', '/files/a/b.txt', true],
    ['/a.b', '/axb', false],
  ])('%s against %s → %s', (pattern, pathname, expected) => {
    expect(matchesPath(pathname, [pattern])).toBe(expected);
  });

  it('accepts regular expressions', () => {
    expect(matchesPath('/admin/users', [/^\/admin\//])).toBe(true);
    expect(matchesPath('/home', [/^\/admin\//])).toBe(false);
  });
});
