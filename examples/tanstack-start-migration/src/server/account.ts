import { createServerFn } from '@tanstack/react-start';
import { getAuth, getAuthKitContext } from '@workos/authkit-tanstack-react-start';
import { WorkOS } from '@workos-inc/node';

// Three server functions the account page loads in parallel: on a client-side navigation each is
// its own HTTP request, all carrying the same session cookie.

export const getProfile = createServerFn({ method: 'GET' }).handler(async () => {
  const auth = await getAuth();
  if (!auth.user) throw new Error('Sign in to see your account');
  const { user } = auth;
  return { id: user.id, email: user.email, name: [user.firstName, user.lastName].filter(Boolean).join(' ') };
});

export const getSessionInfo = createServerFn({ method: 'GET' }).handler(() => {
  const auth = getAuthKitContext().auth();
  if (!auth.user) throw new Error('Sign in to see your session');
  return {
    sessionId: auth.sessionId,
    organizationId: auth.organizationId ?? null,
    role: auth.role ?? null,
    permissions: auth.permissions ?? [],
  };
});

export const getOrganizations = createServerFn({ method: 'GET' }).handler(async () => {
  const auth = await getAuth();
  if (!auth.user) throw new Error('Sign in to see your organizations');
  const memberships = await workos().userManagement.listOrganizationMemberships({
    userId: auth.user.id,
    statuses: ['active'],
  });
  return memberships.data.map((membership) => ({
    id: membership.organizationId,
    name: membership.organizationName || membership.organizationId,
    current: membership.organizationId === auth.organizationId,
  }));
});

function workos(): WorkOS {
  const https = !['false', '0'].includes((process.env.WORKOS_API_HTTPS ?? 'true').toLowerCase());
  return new WorkOS(process.env.WORKOS_API_KEY, {
    clientId: process.env.WORKOS_CLIENT_ID,
    apiHostname: process.env.WORKOS_API_HOSTNAME || 'api.workos.com',
    https,
    ...(process.env.WORKOS_API_PORT ? { port: Number(process.env.WORKOS_API_PORT) } : {}),
  });
}
