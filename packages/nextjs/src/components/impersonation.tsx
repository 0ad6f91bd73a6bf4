'use client';

import type { ComponentPropsWithoutRef, CSSProperties } from 'react';
import { useAuth } from './authkit-provider.js';

const bannerStyle: CSSProperties = {
  position: 'fixed',
  insetInline: 0,
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
 * impersonated session (signs out, then back to `returnTo`). Renders nothing otherwise.
 */
export function Impersonation({
  side = 'bottom',
  returnTo,
  style,
  ...props
}: ComponentPropsWithoutRef<'div'> & { side?: 'top' | 'bottom'; returnTo?: string }) {
  const { impersonator, user, signOut } = useAuth();
  if (!impersonator || !user) return null;
  return (
    <div role="status" {...props} style={{ ...bannerStyle, [side]: 0, ...style }}>
      <span>
        {impersonator.email} is impersonating <strong>{user.email}</strong>
        {impersonator.reason ? ` (${impersonator.reason})` : ''}.
      </span>
      <button type="button" onClick={() => void signOut(returnTo ? { returnTo } : {})}>
        Stop impersonating
      </button>
    </div>
  );
}
