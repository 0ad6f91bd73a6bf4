import type { EmulatorContext } from '../emulator-context.js';
import type { MembershipRecord } from '../emulator-state.js';
import {
  checkApiKey,
  type EmulatorRequest,
  type EmulatorResponse,
  json,
  stringField,
} from '../http-exchange.js';
import { toWireMembership } from '../wire-format.js';

const STATUSES = new Set(['active', 'inactive', 'pending']);

/**
 * `GET /user_management/organization_memberships?user_id|organization_id[&statuses][&limit][&order][&before|after]`:
 * a list envelope with cursor pagination over membership ids; only `active` memberships unless
 * `statuses` says otherwise.
 */
export function listOrganizationMemberships(
  ctx: EmulatorContext,
  request: EmulatorRequest,
): EmulatorResponse {
  const unauthorized = checkApiKey(request, ctx.apiKey);
  if (unauthorized) return unauthorized;
  const query = request.url.searchParams;
  const userId = stringField(query, 'user_id');
  const organizationId = stringField(query, 'organization_id');
  if (userId === undefined && organizationId === undefined) {
    return invalid('Either user_id or organization_id is required.');
  }
  // The SDK joins statuses with commas; the spec's form style also allows repeated keys.
  const statuses = query
    .getAll('statuses')
    .flatMap((value) => value.split(','))
    .filter(Boolean);
  if (statuses.some((status) => !STATUSES.has(status)))
    return invalid('statuses must be active, inactive or pending.');
  const wanted = new Set(statuses.length > 0 ? statuses : ['active']);
  const limit = Number(query.get('limit') ?? 10);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    return invalid('limit must be between 1 and 100.');
  const order = query.get('order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc' && order !== 'normal')
    return invalid('order must be asc, desc or normal.');

  let items: MembershipRecord[] = ctx.state.memberships.filter(
    (m) =>
      (userId === undefined || m.userId === userId) &&
      (organizationId === undefined || m.organizationId === organizationId) &&
      wanted.has(m.status),
  );
  if (order !== 'asc') items = items.reverse();
  let start = 0;
  let end = items.length;
  const after = stringField(query, 'after');
  const before = stringField(query, 'before');
  if (after !== undefined) start = items.findIndex((m) => m.id === after) + 1;
  if (before !== undefined) {
    end = Math.max(
      0,
      items.findIndex((m) => m.id === before),
    );
    start = Math.max(0, end - limit);
  }
  const page = items.slice(start, Math.min(end, start + limit));
  const first = page[0];
  const last = page[page.length - 1];
  return json(200, {
    object: 'list',
    data: page.map((m) => toWireMembership(ctx.state, m)),
    list_metadata: {
      before: first && start > 0 ? first.id : null,
      after: last && start + page.length < items.length ? last.id : null,
    },
  });
}

function invalid(message: string): EmulatorResponse {
  return json(422, { code: 'invalid_request_parameters', message });
}
