/** The query parameter the proxy answers by starting a sign-in back to the page (see `withAuth`). */
const SIGN_IN_PARAMETER = 'authkit-sign-in';

/** Sends the browser to sign in and back to this page, through the proxy (it sets the sign-in cookie). */
export function startSignIn(): void {
  const url = new URL(window.location.href);
  url.searchParams.set(SIGN_IN_PARAMETER, '1');
  window.location.assign(url.toString());
}

/** Signs out with a real form POST: the browser follows the 303 to WorkOS's logout page. */
export function submitSignOut(signOutPath: string, returnTo?: string): void {
  const form = document.createElement('form');
  form.method = 'post';
  const action = new URL(signOutPath, window.location.href);
  if (returnTo) action.searchParams.set('returnTo', returnTo);
  form.action = action.toString();
  document.body.append(form);
  form.submit();
}
