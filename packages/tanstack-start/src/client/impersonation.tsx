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

/** Props of {@link Impersonation}: where the banner sits, where "Stop" leads, and any `div` props. */
export interface ImpersonationProps extends ComponentPropsWithoutRef<'div'> {
  side?: 'top' | 'bottom';
  returnTo?: string;
}

/**
 * A banner shown while a WorkOS admin impersonates the signed-in user, with a button that ends the
 * impersonated session. Renders nothing otherwise.
 */
export function Impersonation({ side = 'bottom', returnTo, style, ...props }: ImpersonationProps) {
  const { user, impersonator, signOut } = useAuth();
  if (!impersonator || !user) return null;
  return (
    <div
      role="status"
      data-workos-impersonation-root=""
      {...props}
      style={{ ...bannerStyle, [side]: 0, ...style }}
    >
      <span>
        {impersonator.email} is impersonating <strong>{user.email}</strong>
        {impersonator.reason ? ` (${impersonator.reason})` : ''}.
      </span>
      <button type="button" onClick={() => void signOut(returnTo === undefined ? {} : { returnTo })}>
        Stop
      </button>
    </div>
  );
}
