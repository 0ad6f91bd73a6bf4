import { withAuth } from '../../lib/authkit';

// A sign-up path: the proxy sends signed-out visitors to the sign-up screen.
export default async function Welcome() {
  const auth = await withAuth({ ensureSignedIn: true });
  return (
    <>
      <h1>Welcome, {auth.user.firstName ?? auth.user.email}</h1>
      <p>Your account is ready.</p>
    </>
  );
}
