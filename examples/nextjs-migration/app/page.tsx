import { signOut, withAuth } from '@workos-inc/authkit-nextjs';
import Link from 'next/link';

export default async function HomePage() {
  const { user } = await withAuth();

  if (!user) {
    return (
      <p data-testid="home-signed-out">
        Signed out. <Link href="/login?returnTo=/account">Sign in</Link> or{' '}
        <Link href="/sign-up?returnTo=/account">sign up</Link>.
      </p>
    );
  }

  return (
    <form
      action={async () => {
        'use server';
        await signOut();
      }}
    >
      <p data-testid="home-signed-in">Welcome back{user.firstName ? `, ${user.firstName}` : ''}.</p>
      <button type="submit" data-testid="sign-out">
        Sign out
      </button>
    </form>
  );
}
