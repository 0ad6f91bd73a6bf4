/**
 * The payload of a JWT, decoded but not verified: for display in the browser (the server verifies).
 * Base64url without padding, UTF-8 claims. `{}` when `token` is missing or not a readable JWT.
 */
export function decodeTokenClaims<T = Record<string, unknown>>(token: string | undefined | null): Partial<T> {
  const payload = token?.split('.')[1];
  if (!payload) return {};
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
    const claims: unknown = JSON.parse(
      new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0))),
    );
    return typeof claims === 'object' && claims !== null && !Array.isArray(claims)
      ? (claims as Partial<T>)
      : {};
  } catch {
    return {};
  }
}
