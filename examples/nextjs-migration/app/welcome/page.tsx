import { withAuth } from '@workos-inc/authkit-nextjs';

export default async function WelcomePage() {
  const { user } = await withAuth({ ensureSignedIn: true });
  return <h1>Welcome, {user.email}</h1>;
}
