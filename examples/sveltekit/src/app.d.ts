import type { AuthKitLocals } from '@authkit-ssr/sveltekit';

declare global {
  namespace App {
    // `locals.auth`: the user of the request (`user: null` when signed out), set by authKitHandle.
    // Custom access-token claims are typed here: AuthKitLocals<{ tier: string }>.
    interface Locals extends AuthKitLocals {}
  }
}
