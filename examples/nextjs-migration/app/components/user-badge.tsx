'use client';

import { useAuth } from '@workos-inc/authkit-nextjs/components';

export function UserBadge() {
  const { user, loading } = useAuth();
  if (loading) return <span>…</span>;
  return user ? (
    <span data-testid="user-email">{user.email}</span>
  ) : (
    <a href="/login" data-testid="sign-in">
      Sign in
    </a>
  );
}
