import { describe, expect, it } from 'vitest';
import { CookieJar, isSessionCookieName, parseSetCookie } from './cookie-jar.ts';

describe('CookieJar', () => {
  it('keeps the last value of a name and deletes on Max-Age=0 or a past Expires', () => {
    const jar = new CookieJar();
    jar.applySetCookie('a=1; Path=/');
    jar.applySetCookie('b=2; Path=/; HttpOnly');
    jar.applySetCookie('a=3; Path=/');
    expect(jar.header()).toBe('a=3; b=2');
    jar.applySetCookie('a=; Max-Age=0; Path=/');
    jar.applySetCookie('b=x; Expires=Thu, 01 Jan 1970 00:00:00 GMT');
    expect(jar.header()).toBeUndefined();
  });

  it('parses names, values and deletions', () => {
    expect(parseSetCookie('wos-session=abc~2; Path=/; Max-Age=100')).toEqual({
      name: 'wos-session',
      value: 'abc~2',
      deleted: false,
    });
    expect(parseSetCookie('broken')).toBeUndefined();
  });

  it('tells session cookies and their chunks from other cookies', () => {
    expect(isSessionCookieName('wos-session', 'wos-session')).toBe(true);
    expect(isSessionCookieName('wos-session.1', 'wos-session')).toBe(true);
    expect(isSessionCookieName('wos-session-sign-in', 'wos-session')).toBe(false);
  });
});
