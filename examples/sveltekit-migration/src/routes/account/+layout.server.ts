import { authKit } from '@workos/authkit-sveltekit';

export const load = authKit.withAuth(async ({ auth }) => {
  return {
    profile: { id: auth.user.id, email: auth.user.email },
    organizationId: auth.organizationId,
    role: auth.role,
    permissions: auth.permissions,
  };
});
