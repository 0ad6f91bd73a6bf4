import { withAuth } from '@authkit-ssr/nextjs';

export default async function Home() {
  const auth = await withAuth();
  return <p>{auth.user ? `Signed in as ${auth.user.email}` : 'Signed out'}</p>;
}
