'use client';

import type { CSSProperties } from 'react';
import { useAuth } from './authkit-provider.js';

const bannerStyle: CSSProperties = {
  position: 'fixed',
  insetInline: 0,
  bottom: 0,
  padding: '0.5rem 1rem',
  background: '#fcd34d',
  color: '#1c1917',
  font: '14px/1.4 system-ui, sans-serif',
  display: 'flex',
  gap: '1rem',
  justifyContent: 'center',
  alignItems: 'center',
  zIndex: 9999,
};

/**
 * A notice shown while a WorkOS admin impersonates the signed-in user, with a button that ends the
 * impersonated session. Renders nothing otherwise.
 */
export function Impersonation({
  action = '/api/auth/sign-out',
  style,
}: {
  /** Where "Stop impersonating" posts: the `handleSignOut()` route, or a Server Action. */
  action?: string | ((formData: FormData) => void | Promise<void>);
  style?: CSSProperties;
}) {
  const { auth } = useAuth();
  if (!auth?.impersonator) return null;
  return (
    <div role="status" style={{ ...bannerStyle, ...style }}>
      <span>
        {auth.impersonator.email} is impersonating <strong>{auth.user.email}</strong>
        {auth.impersonator.reason ? ` (${auth.impersonator.reason})` : ''}.
      </span>
      <form action={action} method={typeof action === 'string' ? 'post' : undefined}>
        <button type="submit">Stop impersonating</button>
      </form>
    </div>
  );
}
