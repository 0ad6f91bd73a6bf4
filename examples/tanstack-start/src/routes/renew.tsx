import { ensureSignedIn, refreshSession } from '@authkit-ssr/tanstack-start';
import { createFileRoute } from '@tanstack/react-router';
import { getSessionInfo } from '../server/account';

// Renews the session, then reads it from three server functions at once: all three must see the
// renewed session (the request's auth state is shared and updated in place), and the renewed
// cookie is the last one the response writes.
export const Route = createFileRoute('/renew')({
  beforeLoad: ensureSignedIn(),
  loader: async () => {
    const renewed = await refreshSession();
    const seen = await Promise.all([getSessionInfo(), getSessionInfo(), getSessionInfo()]);
    const jti = renewed.auth.user ? renewed.auth.claims.jti : undefined;
    return {
      renewedTokenId: typeof jti === 'string' ? jti : null,
      seenTokenIds: seen.map((session) => session.accessTokenId),
    };
  },
  component: RenewPage,
});

function RenewPage() {
  const { renewedTokenId, seenTokenIds } = Route.useLoaderData();
  return (
    <>
      <h1>Session renewed</h1>
      <p>
        New access token: <code data-testid="renewed-token-id">{renewedTokenId}</code>. Seen by three server
        functions:
      </p>
      <ul>
        {seenTokenIds.map((tokenId, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of three
          <li key={index} data-testid="seen-token-id">
            {tokenId}
          </li>
        ))}
      </ul>
    </>
  );
}
