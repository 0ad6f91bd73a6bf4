/**
 * Which access tokens belong to this app. A validly signed token is not enough: every WorkOS
 * client of an environment shares one signing key set, so a token minted for another client of the
 * same environment verifies too. Tokens name their client in the issuer path
 * (`…/user_management/<client_id>`) and sometimes in a `client_id` claim; either naming another
 * client is refused.
 */
export interface TokenBinding {
  clientId: string;
  /** Exact issuers to accept (the `issuer` option); unset accepts any issuer that does not name another client. */
  issuer: readonly string[] | undefined;
}

/** Returns why verified claims do not belong to this app, or undefined when they do. */
export type TokenBindingCheck = (claims: Record<string, unknown>) => string | undefined;

const CLIENT_PATH_SEGMENT = 'user_management';
// An app sees one or two issuers: judging each once keeps URL parsing off the per-token path.
const MAX_REMEMBERED_ISSUERS = 32;

/**
 * The binding rules: `sub` and `sid` required (without a session id, sign-out cannot end the
 * WorkOS session), an `iss` required, a `client_id` claim must be ours, and the issuer must be one
 * of the pinned values or, by default, not name another client.
 */
export function createTokenBindingCheck(binding: TokenBinding): TokenBindingCheck {
  const issuerVerdicts = new Map<string, boolean>();
  const issuerNamesOtherClient = (iss: string) => {
    let verdict = issuerVerdicts.get(iss);
    if (verdict === undefined) {
      verdict = judgeIssuer(iss, binding.clientId);
      if (issuerVerdicts.size >= MAX_REMEMBERED_ISSUERS) issuerVerdicts.clear();
      issuerVerdicts.set(iss, verdict);
    }
    return verdict;
  };

  return (claims) => {
    const { iss, sub, sid } = claims;
    if (typeof sub !== 'string' || sub === '') return 'no sub';
    if (typeof sid !== 'string' || sid === '') return 'no sid';
    if (typeof iss !== 'string' || iss === '') return 'no iss';
    if ('client_id' in claims && claims.client_id !== binding.clientId) return 'another client_id';
    if (binding.issuer) return binding.issuer.includes(iss) ? undefined : 'unexpected iss';
    return issuerNamesOtherClient(iss) ? 'iss of another client' : undefined;
  };
}

/**
 * Issuers differ by host (`api.workos.com`, custom auth domains, the emulator), so the default
 * check is on what the issuer names, not where it lives: an http(s) URL whose path, if it has a
 * `user_management` segment, ends with this client's id right after it. True when it names another.
 */
function judgeIssuer(iss: string, clientId: string): boolean {
  let url: URL;
  try {
    url = new URL(iss);
  } catch {
    return true;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return true;
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  const index = segments.indexOf(CLIENT_PATH_SEGMENT);
  if (index === -1) return false;
  return index !== segments.length - 2 || segments[index + 1] !== clientId;
}
