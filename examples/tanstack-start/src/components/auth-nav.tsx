import { useAuth } from '@authkit-ssr/tanstack-start/client';

export function AuthNav() {
  const { user, signOut } = useAuth();
  if (!user) {
    return (
      <>
        {/* Server routes, not router links: they answer with a redirect to AuthKit. */}
        <a href="/api/auth/sign-in?returnTo=/account" data-testid="sign-in">
          Sign in
        </a>
        <a href="/api/auth/sign-up?returnTo=/account">Sign up</a>
      </>
    );
  }
  return (
    <>
      <span data-testid="user-email">{user.email}</span>
      <button type="button" data-testid="sign-out" onClick={() => void signOut({ returnTo: '/' })}>
        Sign out
      </button>
    </>
  );
}
