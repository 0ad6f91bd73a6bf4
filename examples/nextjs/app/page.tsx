import Link from 'next/link';
import { Suspense } from 'react';
import { withAuth } from '../lib/authkit';

export default function Home() {
  return (
    <>
      <h1>authkit-ssr on Next.js</h1>
      <p>
        This page is public. The <Link href="/account">account page</Link> is protected by the proxy and
        renders several server components that read the session in parallel.
      </p>
      <Suspense fallback={<p>Loading…</p>}>
        <Greeting />
      </Suspense>
    </>
  );
}

async function Greeting() {
  const auth = await withAuth();
  if (!auth.user) {
    return (
      <p data-testid="home-signed-out">
        You are signed out. <a href="/api/auth/sign-in?returnTo=/account">Sign in</a> or{' '}
        <a href="/api/auth/sign-up?returnTo=/account">create an account</a>.
      </p>
    );
  }
  return (
    <p data-testid="home-signed-in">
      Signed in as {auth.user.email}. <Link href="/account">Go to your account</Link>.
    </p>
  );
}
