import type { AuthKitLocals } from '@authkit-ssr/sveltekit';

declare global {
  namespace App {
    // `locals.auth`: the signed-in user of the request (null when signed out), set by authkitHandle.
    interface Locals extends AuthKitLocals {}
  }
}
