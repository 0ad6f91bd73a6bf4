import { createFileRoute, Link } from '@tanstack/react-router';
import { getAuth } from '@workos/authkit-tanstack-react-start';

export const Route = createFileRoute('/')({
  loader: async () => {
    const { user } = await getAuth();
    return { user };
  },
  component: Home,
});

function Home() {
  const { user } = Route.useLoaderData();
  return (
    <>
      <h1>Migration app</h1>
      <p>Written against the documented API of @workos/authkit-tanstack-react-start only.</p>
      {user ? (
        <p data-testid="home-signed-in">
          Welcome, {user.email}. <Link to="/account">Your account</Link>.
        </p>
      ) : (
        <p data-testid="home-signed-out">
          <a href="/api/auth/sign-in">Sign in with AuthKit</a>
        </p>
      )}
    </>
  );
}
