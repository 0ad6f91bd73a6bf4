import { getAuth } from '@authkit-ssr/tanstack-start';
import { AuthKitProvider, Impersonation } from '@authkit-ssr/tanstack-start/client';
import { createRootRoute, HeadContent, Link, Outlet, Scripts } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { AuthNav } from '../components/auth-nav';

// A padlock, inline: the example serves no static files.
const FAVICON =
  'data:image/svg+xml,%3Csvg%20xmlns%3D%22http%3A%2F%2Fwww.w3.org%2F2000%2Fsvg%22%20viewBox%3D%220%200%2032%2032%22%3E%3Crect%20width%3D%2232%22%20height%3D%2232%22%20rx%3D%226%22%20fill%3D%22%234f46e5%22%2F%3E%3Cpath%20d%3D%22M10%2015v-3a6%206%200%200%201%2012%200v3%22%20fill%3D%22none%22%20stroke%3D%22%23fff%22%20stroke-width%3D%223%22%2F%3E%3Crect%20x%3D%228%22%20y%3D%2215%22%20width%3D%2216%22%20height%3D%2211%22%20rx%3D%222%22%20fill%3D%22%23fff%22%2F%3E%3C%2Fsvg%3E';

export const Route = createRootRoute({
  head: () => ({
    meta: [
      { charSet: 'utf-8' },
      { name: 'viewport', content: 'width=device-width, initial-scale=1' },
      { title: 'authkit-ssr · TanStack Start example' },
    ],
    links: [{ rel: 'icon', href: FAVICON }],
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
          <Link to="/race">Refresh race</Link>
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
