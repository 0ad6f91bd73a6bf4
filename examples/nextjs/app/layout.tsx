import { AuthKitProvider, Impersonation } from '@authkit-ssr/nextjs/components';
import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { toClientAuth, withAuth } from '../lib/authkit';
import { AuthNav } from './components/auth-nav';

export const metadata: Metadata = { title: 'authkit-ssr · Next.js example' };

// The layout and the page render in parallel: each reads auth itself (withAuth is deduplicated
// within one render), none of them can refresh or write cookies — the proxy did that already.
export default async function RootLayout({ children }: { children: ReactNode }) {
  const auth = await withAuth();
  return (
    <html lang="en">
      <body
        style={{ font: '16px/1.5 system-ui, sans-serif', maxWidth: 760, margin: '0 auto', padding: '0 1rem' }}
      >
        <AuthKitProvider initialAuth={toClientAuth(auth)}>
          <header style={{ display: 'flex', gap: '1rem', alignItems: 'center', padding: '1rem 0' }}>
            <Link href="/">Home</Link>
            <Link href="/account" data-testid="account-link">
              Account
            </Link>
            <span style={{ flex: 1 }} />
            <AuthNav />
          </header>
          <main>{children}</main>
          <Impersonation />
        </AuthKitProvider>
      </body>
    </html>
  );
}
