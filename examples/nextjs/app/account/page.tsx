import { Suspense } from 'react';
import { withAuth } from '../../lib/authkit';
import { AccessTokenDemo } from '../components/access-token-demo';
import { OrganizationSwitcher } from '../components/organization-switcher';
import { SessionPanel } from '../components/session-panel';

// Three server components that each read the session, rendered in parallel (and in parallel with
// the layout). The proxy refreshed an expired session before any of them ran.
export default async function AccountPage({ searchParams }: { searchParams: Promise<{ switch?: string }> }) {
  const { switch: switchOutcome } = await searchParams;
  return (
    <>
      <Suspense fallback={<p>Loading profile…</p>}>
        <Profile />
      </Suspense>
      <Suspense fallback={<p>Loading session…</p>}>
        <SessionPanel />
      </Suspense>
      <Suspense fallback={<p>Loading organizations…</p>}>
        <OrganizationSwitcher />
      </Suspense>
      {switchOutcome === 'refused' ? <p role="alert">That organization switch was refused.</p> : null}
      <AccessTokenDemo />
    </>
  );
}

async function Profile() {
  const { user } = await withAuth({ ensureSignedIn: true });
  const name = [user.firstName, user.lastName].filter(Boolean).join(' ') || user.email;
  return (
    <>
      <h1 data-testid="account-heading">Account of {name}</h1>
      <p>
        <span data-testid="account-email">{user.email}</span> · <code>{user.id}</code>
      </p>
    </>
  );
}
