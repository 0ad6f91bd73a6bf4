import { type EmulatorRequest, type EmulatorResponse, json } from './http-exchange.js';
import type { EmulatorSettings } from './options.js';
import type { AccessTokenClaims } from './session-tokens.js';
import type { Emulator, IssueSessionOptions } from './start-emulator.js';

/**
 * The control API under `/__emulator`, the HTTP face of the {@link Emulator} methods for tests
 * and apps in other processes. Unauthenticated: the emulator listens on loopback.
 *
 * | route | does |
 * |---|---|
 * | `GET /__emulator` | `{ url, clientId, issuer, jwksUrl, settings }` |
 * | `GET /__emulator/stats` | `stats()` |
 * | `POST /__emulator/reset` | `reset()` |
 * | `GET /__emulator/faults` | the active faults |
 * | `POST /__emulator/faults` | `injectFault(body)`, 201 |
 * | `DELETE /__emulator/faults` | `clearFaults()` |
 * | `POST /__emulator/rotate-key` | `rotateSigningKey(body)` → `{ kid }` |
 * | `POST /__emulator/sessions` | `issueSession(body)`, 201 |
 * | `POST /__emulator/access-tokens` | `{ claims?, expiresInSeconds? }` → `{ accessToken }` |
 * | `POST /__emulator/sessions/:id/access-tokens` | `issueAccessToken({ ...body, sessionId: id })` → `{ accessToken }` |
 * | `POST /__emulator/config` | `configure(body)` → settings |
 */
export async function handleControlRequest(
  emulator: Emulator,
  request: EmulatorRequest,
): Promise<EmulatorResponse> {
  if (request.bodyError) return json(400, { message: request.bodyError });
  const route = `${request.method} ${request.url.pathname.replace(/\/+$/, '')}`;
  try {
    const sessionTokenRoute = /^POST \/__emulator\/sessions\/([^/]+)\/access-tokens$/.exec(route);
    if (sessionTokenRoute) {
      const sessionId = decodeURIComponent(sessionTokenRoute[1] ?? '');
      return json(201, { accessToken: emulator.issueAccessToken({ ...request.body, sessionId }) });
    }
    switch (route) {
      case 'GET /__emulator':
        return json(200, {
          url: emulator.url,
          clientId: emulator.clientId,
          issuer: emulator.issuer,
          jwksUrl: emulator.jwksUrl,
          settings: emulator.configure({}),
          now: emulator.now(),
        });
      case 'GET /__emulator/stats':
        return json(200, emulator.stats());
      case 'POST /__emulator/reset':
        emulator.reset();
        return json(200, {});
      case 'GET /__emulator/faults':
        return json(200, { data: emulator.listFaults() });
      case 'POST /__emulator/faults':
        emulator.injectFault(request.body);
        return json(201, {});
      case 'DELETE /__emulator/faults':
        emulator.clearFaults();
        return json(200, {});
      case 'POST /__emulator/rotate-key':
        return json(200, {
          kid: await emulator.rotateSigningKey({ retainPrevious: request.body.retainPrevious !== false }),
        });
      case 'POST /__emulator/sessions':
        return json(201, emulator.issueSession(request.body as IssueSessionOptions));
      case 'POST /__emulator/access-tokens': {
        const { claims, expiresInSeconds } = request.body;
        if (expiresInSeconds !== undefined && typeof expiresInSeconds !== 'number') {
          throw new TypeError('expiresInSeconds must be a number.');
        }
        const accessToken = emulator.signAccessToken(
          (claims ?? {}) as Partial<AccessTokenClaims>,
          expiresInSeconds === undefined ? {} : { expiresInSeconds },
        );
        return json(201, { accessToken });
      }
      case 'POST /__emulator/config':
        return json(200, emulator.configure(request.body as Partial<EmulatorSettings>));
      default:
        return json(404, { message: `Unknown control route: ${route}.` });
    }
  } catch (error) {
    if (error instanceof TypeError || error instanceof URIError) return json(400, { message: error.message });
    throw error;
  }
}
