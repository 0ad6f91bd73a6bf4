import { AuthKitProvider, Impersonation } from '@workos-inc/authkit-nextjs/components';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { UserBadge } from './components/user-badge';

export const metadata = { title: 'Migration example: written for @workos-inc/authkit-nextjs' };

// No initialAuth: the provider fetches the session on mount, so pages can stay static.
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body style={{ font: '16px/1.5 system-ui, sans-serif', maxWidth: 760, margin: '0 auto' }}>
        <AuthKitProvider>
          <Impersonation />
          <header style={{ display: 'flex', gap: '1rem', padding: '1rem 0' }}>
            <Link href="/">Home</Link>
            <Link href="/account" data-testid="account-link">
              Account
            </Link>
            <span style={{ flex: 1 }} />
            <UserBadge />
          </header>
          <main>{children}</main>
        </AuthKitProvider>
      </body>
    </html>
  );
}
