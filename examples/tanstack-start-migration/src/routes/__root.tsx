import { createRootRoute, HeadContent, Link, Outlet, Scripts } from '@tanstack/react-router';
import { AuthKitProvider, Impersonation } from '@workos/authkit-tanstack-react-start/client';
import { type ReactNode, version } from 'react';
import { UserMenu } from '../components/user-menu';

export const Route = createRootRoute({
  head: () => ({
    meta: [
      { charSet: 'utf-8' },
      { name: 'viewport', content: 'width=device-width, initial-scale=1' },
      { title: 'Migration app · @workos/authkit-tanstack-react-start API' },
    ],
  }),
  component: RootComponent,
});

function RootComponent() {
  return (
    <html lang="en">
      <head>
        <HeadContent />
      </head>
      <body
        style={{ font: '16px/1.5 system-ui, sans-serif', maxWidth: 760, margin: '0 auto', padding: '0 1rem' }}
      >
        <AuthKitProvider>
          <Layout>
            <Outlet />
          </Layout>
          <Impersonation side="top" />
        </AuthKitProvider>
        <Scripts />
      </body>
    </html>
  );
}

function Layout({ children }: { children: ReactNode }) {
  return (
    <>
      <header style={{ display: 'flex', gap: '1rem', alignItems: 'center', padding: '1rem 0' }}>
        <Link to="/">Home</Link>
        <Link to="/account">Account</Link>
        <span style={{ flex: 1 }} />
        <UserMenu />
      </header>
      <main>{children}</main>
      <footer>
        <small data-testid="react-version">React {version}</small>
      </footer>
    </>
  );
}
