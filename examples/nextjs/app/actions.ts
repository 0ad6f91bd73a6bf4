'use server';

import { redirect } from 'next/navigation';
import { isAuthKitError, signOut, switchToOrganization, withAuth } from '../lib/authkit';

// The only Server Actions of this app: every export of a 'use server' file is callable over HTTP,
// so each one checks the session itself.

export async function signOutAction(): Promise<void> {
  await signOut({ returnTo: '/' });
}

export async function switchOrganizationAction(formData: FormData): Promise<void> {
  if (!(await withAuth()).user) redirect('/api/auth/sign-in?returnTo=/account');
  const organizationId = formData.get('organizationId');
  if (typeof organizationId !== 'string' || organizationId === '') return;
  try {
    await switchToOrganization(organizationId, { returnTo: '/account' });
  } catch (error) {
    if (isAuthKitError(error) && error.code === 'organization_switch_rejected') {
      redirect('/account?switch=refused');
    }
    throw error;
  }
  redirect('/account');
}
