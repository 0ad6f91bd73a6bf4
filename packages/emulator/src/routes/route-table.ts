import type { EmulatorContext } from '../emulator-context.js';
import type { EndpointName } from '../endpoint.js';
import type { EmulatorRequest, EmulatorResponse } from '../http-exchange.js';
import { validateApiKey } from './api-keys.js';
import { authenticate } from './authenticate.js';
import { authorize } from './authorize.js';
import { getJwks } from './jwks.js';
import { listOrganizationMemberships } from './organization-memberships.js';
import { getOrganization } from './organizations.js';
import { logout, revokeSession } from './sessions.js';
import { getUser } from './users.js';
import { createWidgetToken } from './widgets.js';

/** A WorkOS endpoint the emulator answers. */
export interface Route {
  endpoint: EndpointName;
  methods: readonly string[];
  /** Named groups become `request.params`. */
  pattern: RegExp;
  handle(ctx: EmulatorContext, request: EmulatorRequest): EmulatorResponse;
}

/** Every emulated endpoint. */
export const ROUTES: readonly Route[] = [
  {
    endpoint: 'authorize',
    methods: ['GET', 'POST'],
    pattern: /^\/user_management\/authorize$/,
    handle: authorize,
  },
  {
    endpoint: 'authenticate',
    methods: ['POST'],
    pattern: /^\/user_management\/authenticate$/,
    handle: authenticate,
  },
  { endpoint: 'jwks', methods: ['GET'], pattern: /^\/sso\/jwks\/(?<clientId>[^/]+)$/, handle: getJwks },
  { endpoint: 'logout', methods: ['GET'], pattern: /^\/user_management\/sessions\/logout$/, handle: logout },
  {
    endpoint: 'revokeSession',
    methods: ['POST'],
    pattern: /^\/user_management\/sessions\/revoke$/,
    handle: revokeSession,
  },
  {
    endpoint: 'getUser',
    methods: ['GET'],
    pattern: /^\/user_management\/users\/(?<id>[^/]+)$/,
    handle: getUser,
  },
  {
    endpoint: 'getOrganization',
    methods: ['GET'],
    pattern: /^\/organizations\/(?<id>[^/]+)$/,
    handle: getOrganization,
  },
  {
    endpoint: 'listOrganizationMemberships',
    methods: ['GET'],
    pattern: /^\/user_management\/organization_memberships$/,
    handle: listOrganizationMemberships,
  },
  {
    endpoint: 'createWidgetToken',
    methods: ['POST'],
    pattern: /^\/widgets\/token$/,
    handle: createWidgetToken,
  },
  {
    endpoint: 'validateApiKey',
    methods: ['POST'],
    pattern: /^\/api_keys\/validations$/,
    handle: validateApiKey,
  },
];

/** The route for a method and path, with its decoded path parameters. */
export function matchRoute(
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | null {
  for (const route of ROUTES) {
    const match = route.pattern.exec(path);
    if (!match || !route.methods.includes(method)) continue;
    const params: Record<string, string> = {};
    for (const [name, value] of Object.entries(match.groups ?? {})) {
      try {
        params[name] = decodeURIComponent(value);
      } catch {
        params[name] = value;
      }
    }
    return { route, params };
  }
  return null;
}
