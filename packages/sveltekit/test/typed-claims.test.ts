import { describe, expectTypeOf, it } from 'vitest';
import { type AuthKitLocals, authKit } from '../src/index.ts';

// The documented one-liner of src/app.d.ts, with a custom claim of a JWT template.
declare global {
  namespace App {
    interface Locals extends AuthKitLocals<{ tier: 'free' | 'pro' }> {}
  }
}

describe('typed custom claims', () => {
  it('reach locals.auth and the auth that authKit.withAuth hands over', () => {
    expectTypeOf<App.Locals['auth']['claims']>().toEqualTypeOf<
      ({ tier: 'free' | 'pro' } & import('@authkit-ssr/core').AccessTokenClaims) | undefined
    >();
    authKit.withAuth(({ auth }) => {
      expectTypeOf(auth.claims.tier).toEqualTypeOf<'free' | 'pro'>();
      expectTypeOf(auth.user.email).toEqualTypeOf<string>();
    });
  });
});
