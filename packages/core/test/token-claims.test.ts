import { describe, expect, it } from 'vitest';
import { decodeTokenClaims } from '../src/client/index.ts';

const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (payload: unknown) => `${segment({ alg: 'RS256' })}.${segment(payload)}.signature`;

describe('decodeTokenClaims (@authkit-ssr/core/client)', () => {
  it('reads the payload of a base64url JWT without padding, UTF-8 claims included', () => {
    const claims = { sub: 'user_1', exp: 1_900_000_000, name: 'Zoë 東京', org_id: 'org_1' };
    const token = jwt(claims);
    expect(token.split('.')[1]).not.toContain('=');
    expect(decodeTokenClaims<typeof claims>(token)).toEqual(claims);
  });

  it('gives {} for a missing token, a token that is not a JWT, or a payload that is not an object', () => {
    expect(decodeTokenClaims(undefined)).toEqual({});
    expect(decodeTokenClaims('')).toEqual({});
    expect(decodeTokenClaims('not-a-jwt')).toEqual({});
    expect(decodeTokenClaims('a.%%%.c')).toEqual({});
    expect(decodeTokenClaims(jwt([1, 2]))).toEqual({});
    expect(decodeTokenClaims(jwt('text'))).toEqual({});
  });
});
