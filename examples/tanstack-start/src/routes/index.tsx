import { useAuth } from '@authkit-ssr/tanstack-start/client';
import { createFileRoute, Link } from '@tanstack/react-router';

export const Route = createFileRoute('/')({ component: Home });

function Home() {
  const { user } = useAuth();
  return (
    <>
      <h1>authkit-ssr on TanStack Start</h1>
      <p>This page is public. The account page is protected and loads three server functions in parallel.</p>
      {user ? (
        <p data-testid="home-signed-in">
          Signed in as {user.email}. <Link to="/account">Go to your account</Link>.
        </p>
      ) : (
        <p data-testid="home-signed-out">
          You are signed out. <a href="/api/auth/sign-in?returnTo=/account">Sign in</a> or{' '}
          <a href="/api/auth/sign-up?returnTo=/account">create an account</a>.
        </p>
      )}
    </>
  );
}
