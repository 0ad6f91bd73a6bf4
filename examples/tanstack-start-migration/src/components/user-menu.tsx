import { useAuth } from '@workos/authkit-tanstack-react-start/client';

/** Client component: the provider fetched the auth on mount. */
export function UserMenu() {
  const { user, loading, signOut } = useAuth();
  if (loading) return <span data-testid="auth-loading">…</span>;
  if (!user) {
    return (
      <>
        <a href="/api/auth/sign-in?returnPathname=/account" data-testid="sign-in">
          Sign in
        </a>
        <a href="/api/auth/sign-up?returnPathname=/account" data-testid="sign-up">
          Sign up
        </a>
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
