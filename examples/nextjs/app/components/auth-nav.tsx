import { withAuth } from '../../lib/authkit';
import { signOutAction } from '../actions';

export async function AuthNav() {
  const auth = await withAuth();
  if (!auth.user) {
    return (
      <>
        {/* Plain links: the sign-in route sets its cookie and redirects to AuthKit. */}
        <a href="/api/auth/sign-in?returnTo=/account" data-testid="sign-in">
          Sign in
        </a>
        <a href="/api/auth/sign-up?returnTo=/account">Sign up</a>
      </>
    );
  }
  return (
    <>
      <span data-testid="user-email">{auth.user.email}</span>
      <form action={signOutAction}>
        <button type="submit" data-testid="sign-out">
          Sign out
        </button>
      </form>
    </>
  );
}
