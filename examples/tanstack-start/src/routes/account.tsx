import { ensureSignedIn } from '@authkit-ssr/tanstack-start';
import { createFileRoute } from '@tanstack/react-router';
import { useState } from 'react';
import { OrganizationSwitcher } from '../components/organization-switcher';
import { SessionPanel } from '../components/session-panel';
import { getOrganizations, getProfile, getSessionInfo } from '../server/account';

/** The three server functions of this page, called at once. */
async function loadAccount() {
  const [profile, session, memberships] = await Promise.all([
    getProfile(),
    getSessionInfo(),
    getOrganizations(),
  ]);
  return {
    profile,
    session,
    organizations: memberships.organizations,
    // How each of the three requests got its session: with an expired token, one leads the
    // refresh and the others join it (or get it replayed).
    refreshes: [profile.refresh, session.refresh, memberships.refresh],
    loadedAt: new Date().toISOString(),
  };
}

export const Route = createFileRoute('/account')({
  beforeLoad: ensureSignedIn(),
  // On a client-side navigation each server function is its own HTTP request running the auth
  // middleware: three concurrent requests with the same cookie.
  loader: () => loadAccount(),
  component: AccountPage,
});

function AccountPage() {
  const loaded = Route.useLoaderData();
  const [reloaded, setReloaded] = useState<typeof loaded | null>(null);
  const [reloading, setReloading] = useState(false);
  const { profile, session, organizations, refreshes, loadedAt } =
    reloaded && reloaded.loadedAt > loaded.loadedAt ? reloaded : loaded;
  return (
    <>
      <h1 data-testid="account-heading">Account of {profile.name}</h1>
      <p>
        <span data-testid="account-email">{profile.email}</span> · <code>{profile.id}</code>
      </p>
      <SessionPanel session={session} refreshes={refreshes} loadedAt={loadedAt} />
      <p>
        <button
          type="button"
          data-testid="reload-parallel"
          disabled={reloading}
          onClick={async () => {
            setReloading(true);
            try {
              setReloaded(await loadAccount());
            } finally {
              setReloading(false);
            }
          }}
        >
          {reloading ? 'Reloading…' : 'Reload: three server functions in parallel'}
        </button>
      </p>
      <OrganizationSwitcher organizations={organizations} />
    </>
  );
}
