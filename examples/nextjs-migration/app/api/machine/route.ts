import { validateApiKey } from '@workos-inc/authkit-nextjs';

// A machine-to-machine route: the caller's `Authorization: Bearer <API key>` is checked with WorkOS.
export async function GET() {
  const { apiKey } = await validateApiKey();
  if (!apiKey) return Response.json({ apiKey: null }, { status: 401 });
  const { id, name, owner, permissions } = apiKey;
  return Response.json({ apiKey: { id, name, owner, permissions } });
}
