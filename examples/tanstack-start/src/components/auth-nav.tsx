import { signOut } from '@authkit-ssr/tanstack-start';
import { useAuth } from '@authkit-ssr/tanstack-start/client';
import { useServerFn } from '@tanstack/react-start';

export function AuthNav() {
  const { auth } = useAuth();
  const signOutFn = useServerFn(signOut);
  if (!auth) {
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
      <span data-testid="user-email">{auth.user.email}</span>
      <button
        type="button"
        data-testid="sign-out"
        onClick={() => void signOutFn({ data: { returnTo: '/' } })}
      >
        Sign out
      </button>
    </>
  );
}
