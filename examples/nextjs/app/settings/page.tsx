import { withAuth } from '../../lib/authkit';

// Public for the proxy (see proxy.ts): the page itself asks for a user. withAuth sends a signed-out
// visitor back here through the proxy, which starts the sign-in (a server component cannot set its
// cookie) and lands them on this page afterwards.
export default async function SettingsPage() {
  const { user } = await withAuth({ ensureSignedIn: true });
  return <h1 data-testid="settings-email">{user.email}</h1>;
}
