/**
 * The emulated WorkOS endpoints, by the names stats and faults use:
 *
 * | name | route |
 * |---|---|
 * | `authorize` | `GET`/`POST /user_management/authorize` |
 * | `authenticate` | `POST /user_management/authenticate` |
 * | `jwks` | `GET /sso/jwks/:clientId` |
 * | `logout` | `GET /user_management/sessions/logout` |
 * | `revokeSession` | `POST /user_management/sessions/revoke` |
 * | `getUser` | `GET /user_management/users/:id` |
 * | `getOrganization` | `GET /organizations/:id` |
 * | `listOrganizationMemberships` | `GET /user_management/organization_memberships` |
 * | `createWidgetToken` | `POST /widgets/token` |
 * | `validateApiKey` | `POST /api_keys/validations` |
 */
export type EndpointName =
  | 'authorize'
  | 'authenticate'
  | 'jwks'
  | 'logout'
  | 'revokeSession'
  | 'getUser'
  | 'getOrganization'
  | 'listOrganizationMemberships'
  | 'createWidgetToken'
  | 'validateApiKey';

/** Every {@link EndpointName}, in a stable order. */
export const ENDPOINT_NAMES: readonly EndpointName[] = [
  'authorize',
  'authenticate',
  'jwks',
  'logout',
  'revokeSession',
  'getUser',
  'getOrganization',
  'listOrganizationMemberships',
  'createWidgetToken',
  'validateApiKey',
];
