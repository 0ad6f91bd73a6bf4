import { switchToOrganization, withAuth } from '@workos-inc/authkit-nextjs';
import { ClientSession } from '../components/client-session';

export default async function AccountPage() {
  const { user, organizationId, role } = await withAuth({ ensureSignedIn: true });

  async function switchOrganization(formData: FormData) {
    'use server';
    await withAuth({ ensureSignedIn: true });
    await switchToOrganization(String(formData.get('organizationId')));
  }

  return (
    <>
      <h1>Account</h1>
      <p>
        <span data-testid="account-email">{user.email}</span> · organization{' '}
        <span data-testid="session-org">{organizationId ?? '—'}</span> · role {role ?? '—'}
      </p>
      <form action={switchOrganization}>
        <input name="organizationId" data-testid="organization-input" />
        <button type="submit" data-testid="switch-organization">
          Switch organization
        </button>
      </form>
      <ClientSession />
    </>
  );
}
