/** An RSA public key in JWK form, as far as RS256 verification needs it. */
export interface RsaPublicJwk {
  n: string;
  e: string;
}

/**
 * The RS256 primitive behind access-token verification; one engine per runtime family. Keys are
 * imported once per JWKS load and reused for every token.
 */
export interface SignatureEngine<Key = unknown> {
  readonly name: 'node' | 'web';
  /** Imports a public key; undefined when it is unusable for RS256 (malformed, under 2048 bits). */
  importRsaKey(jwk: RsaPublicJwk): Promise<Key | undefined> | Key | undefined;
  verifyRs256(key: Key, signingInput: string, signature: string): Promise<boolean> | boolean;
  /** base64url → UTF-8 text (the string passed {@link isBase64Url}). */
  decodeText(base64url: string): string;
}

/** RS256 keys shorter than this are refused (as jose and RFC 7518 require). */
export const MIN_RSA_MODULUS_BITS = 2048;
