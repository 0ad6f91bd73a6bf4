import { type Auth, AuthKitError, authkitFunctionMiddleware } from '@authkit-ssr/tanstack-start';
import { createServerFn } from '@tanstack/react-start';

// Three server functions the /account page loads in parallel. On a client-side navigation each is
// its own HTTP request running the auth middleware: with an expired access token they race to
// refresh the same session, which is exactly what single-flight refresh is for.

function requireAuth(auth: Auth | null): Auth {
  if (!auth) throw new AuthKitError('no_session', 'Sign in to see your account');
  return auth;
}

export const getProfile = createServerFn({ method: 'GET' })
  .middleware([authkitFunctionMiddleware])
  .handler(({ context }) => {
    const { user } = requireAuth(context.authkit.auth);
    return {
      id: user.id,
      email: user.email,
      name: [user.firstName, user.lastName].filter(Boolean).join(' ') || user.email,
      refresh: context.authkit.refresh ?? null,
    };
  });

export const getSessionInfo = createServerFn({ method: 'GET' })
  .middleware([authkitFunctionMiddleware])
  .handler(({ context }) => {
    const auth = requireAuth(context.authkit.auth);
    return {
      sessionId: auth.sessionId,
      organizationId: auth.organizationId ?? null,
      role: auth.role ?? null,
      permissions: auth.permissions,
      accessTokenExpiresAt: auth.accessTokenExpiresAt.toISOString(),
      // Which access token this is (its unique id, not the token).
      accessTokenId: typeof auth.claims.jti === 'string' ? auth.claims.jti : null,
      refresh: context.authkit.refresh ?? null,
      impersonator: auth.impersonator?.email ?? null,
    };
  });

interface MembershipList {
  data: { organization_id: string; organization_name?: string; role?: { slug: string } }[];
}

export const getOrganizations = createServerFn({ method: 'GET' })
  .middleware([authkitFunctionMiddleware])
  .handler(async ({ context }) => {
    const auth = requireAuth(context.authkit.auth);
    const url = new URL('/user_management/organization_memberships', workosApiBase());
    url.searchParams.set('user_id', auth.user.id);
    url.searchParams.set('statuses', 'active');
    const response = await fetch(url, { headers: { Authorization: `Bearer ${process.env.WORKOS_API_KEY}` } });
    if (!response.ok) throw new Error(`Could not list organizations (${response.status})`);
    const list = (await response.json()) as MembershipList;
    const organizations = list.data.map((membership) => ({
      id: membership.organization_id,
      name: membership.organization_name || membership.organization_id,
      role: membership.role?.slug ?? null,
      current: membership.organization_id === auth.organizationId,
    }));
    return { organizations, refresh: context.authkit.refresh ?? null };
  });

function workosApiBase(): string {
  const https = !['false', '0', 'no', 'off'].includes((process.env.WORKOS_API_HTTPS ?? 'true').toLowerCase());
  const host = process.env.WORKOS_API_HOSTNAME || 'api.workos.com';
  const port = process.env.WORKOS_API_PORT ? `:${process.env.WORKOS_API_PORT}` : '';
  return `${https ? 'https' : 'http'}://${host}${port}`;
}
