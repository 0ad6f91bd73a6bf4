import { getAuth } from '@authkit-ssr/tanstack-start';
import { AuthKitProvider, Impersonation } from '@authkit-ssr/tanstack-start/client';
import { createRootRoute, HeadContent, Link, Outlet, Scripts } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { AuthNav } from '../components/auth-nav';

export const Route = createRootRoute({
  head: () => ({
    meta: [
      { charSet: 'utf-8' },
      { name: 'viewport', content: 'width=device-width, initial-scale=1' },
      { title: 'authkit-ssr · TanStack Start example' },
    ],
  }),
  // Loaded once with the document (no access token in it: useAccessToken() fetches that); sign-in
  // and sign-out reload the page, organization switches update the provider directly.
  loader: async () => ({ auth: await getAuth() }),
  staleTime: Number.POSITIVE_INFINITY,
  component: RootComponent,
});

function RootComponent() {
  const { auth } = Route.useLoaderData();
  return (
    <RootDocument>
      <AuthKitProvider initialAuth={auth}>
        <header style={{ display: 'flex', gap: '1rem', alignItems: 'center', padding: '1rem 0' }}>
          <Link to="/">Home</Link>
          <Link to="/account">Account</Link>
          <span style={{ flex: 1 }} />
          <AuthNav />
        </header>
        <main>
          <Outlet />
        </main>
        <Impersonation />
      </AuthKitProvider>
    </RootDocument>
  );
}

function RootDocument({ children }: Readonly<{ children: ReactNode }>) {
  return (
    <html lang="en">
      <head>
        <HeadContent />
      </head>
      <body
        style={{ font: '16px/1.5 system-ui, sans-serif', maxWidth: 760, margin: '0 auto', padding: '0 1rem' }}
      >
        {children}
        <Scripts />
      </body>
    </html>
  );
}
