import { createOpaqueToken } from '../create-id.js';
import type { EmulatorContext } from '../emulator-context.js';
import type { AuthenticationMethod, UserRecord } from '../emulator-state.js';
import { type EmulatorRequest, type EmulatorResponse, redirect, stringField } from '../http-exchange.js';
import { renderAuthorizePage, renderErrorPage } from './authorize-page.js';

const OAUTH_PROVIDERS = new Set<string>(['GoogleOAuth', 'MicrosoftOAuth', 'GitHubOAuth', 'AppleOAuth']);

interface AuthorizeParams {
  query: URLSearchParams;
  redirectUri: URL;
  state: string | undefined;
}

/**
 * `GET /user_management/authorize` shows the sign-in page (or redirects at once in auto-login
 * mode); `POST` receives that page's forms. Problems with `client_id` or `redirect_uri` get an
 * error page, since redirecting to an unchecked URI would be an open redirect; every other
 * problem is reported to `redirect_uri` with `error`, `error_description` and `state`.
 */
export function authorize(ctx: EmulatorContext, request: EmulatorRequest): EmulatorResponse {
  const checked = checkParams(ctx, request.url.searchParams);
  if ('status' in checked) return checked;
  const { query } = checked;
  if (request.method === 'GET') {
    if (ctx.settings.autoLogin) {
      const hint = stringField(query, 'login_hint');
      const user = hint ? ctx.state.findUser(hint) : ctx.state.users.values().next().value;
      if (!user)
        return redirectWithError(
          checked,
          'access_denied',
          hint ? `No user with email ${hint}.` : 'No users.',
        );
      return signIn(ctx, checked, user);
    }
    return page(ctx, checked, 200, {});
  }
  if (request.bodyError) return page(ctx, checked, 400, { error: request.bodyError });
  return handleForm(ctx, checked, request.body);
}

function checkParams(ctx: EmulatorContext, query: URLSearchParams): AuthorizeParams | EmulatorResponse {
  const clientId = stringField(query, 'client_id');
  if (clientId !== ctx.clientId) {
    return errorPage(
      'Invalid client',
      clientId ? `Unknown client_id '${clientId}'.` : 'client_id is required.',
    );
  }
  const rawRedirect = stringField(query, 'redirect_uri');
  let redirectUri: URL;
  try {
    redirectUri = new URL(rawRedirect ?? '');
  } catch {
    return errorPage('Invalid redirect URI', 'redirect_uri must be an absolute http(s) URL.');
  }
  if (redirectUri.protocol !== 'http:' && redirectUri.protocol !== 'https:') {
    return errorPage('Invalid redirect URI', 'redirect_uri must be an absolute http(s) URL.');
  }
  const params: AuthorizeParams = { query, redirectUri, state: query.get('state') ?? undefined };
  if (query.get('response_type') !== 'code') {
    return redirectWithError(params, 'unsupported_response_type', "response_type must be 'code'.");
  }
  if (!query.get('provider') && !query.get('connection_id') && !query.get('organization_id')) {
    return redirectWithError(
      params,
      'invalid_request',
      'One of provider, connection_id or organization_id is required.',
    );
  }
  const challenge = query.get('code_challenge');
  if (challenge !== null && query.get('code_challenge_method') !== 'S256') {
    return redirectWithError(params, 'invalid_request', "code_challenge_method must be 'S256'.");
  }
  const organizationId = query.get('organization_id');
  if (organizationId && !ctx.state.organizations.has(organizationId)) {
    return redirectWithError(params, 'organization_invalid', `Organization not found: '${organizationId}'.`);
  }
  return params;
}

function handleForm(
  ctx: EmulatorContext,
  params: AuthorizeParams,
  form: Record<string, unknown>,
): EmulatorResponse {
  const intent = stringField(form, 'intent');
  const email = stringField(form, 'email');
  const password = stringField(form, 'password');
  if (intent === 'select') {
    const user = ctx.state.users.get(stringField(form, 'user_id') ?? '');
    return user ? signIn(ctx, params, user) : page(ctx, params, 400, { error: 'Unknown user.' });
  }
  if (intent === 'sign-up') {
    if (!email || !password) {
      return page(ctx, params, 400, { screen: 'sign-up', email, error: 'Email and password are required.' });
    }
    if (ctx.state.findUser(email)) {
      return page(ctx, params, 409, {
        screen: 'sign-up',
        email,
        error: 'A user with this email already exists.',
      });
    }
    return signIn(
      ctx,
      params,
      ctx.state.addUser({
        email,
        password,
        firstName: stringField(form, 'first_name') ?? null,
        lastName: stringField(form, 'last_name') ?? null,
      }),
    );
  }
  const user = email ? ctx.state.findUser(email) : undefined;
  if (!user || user.password === null || user.password !== password) {
    return page(ctx, params, 401, { email, error: 'Invalid email or password.' });
  }
  return signIn(ctx, params, user);
}

function signIn(ctx: EmulatorContext, params: AuthorizeParams, user: UserRecord): EmulatorResponse {
  const requestedOrg = params.query.get('organization_id');
  if (requestedOrg && !ctx.state.findActiveMembership(user.id, requestedOrg)) {
    return redirectWithError(
      params,
      'access_denied',
      `${user.email} is not a member of organization '${requestedOrg}'.`,
    );
  }
  const impersonator = ctx.state.impersonations.get(user.id) ?? null;
  const provider = params.query.get('provider') ?? '';
  let authenticationMethod: AuthenticationMethod = 'Password';
  if (impersonator) authenticationMethod = 'Impersonation';
  else if (OAUTH_PROVIDERS.has(provider)) authenticationMethod = provider as AuthenticationMethod;
  const code = createOpaqueToken(24);
  ctx.state.codes.set(code, {
    clientId: ctx.clientId,
    userId: user.id,
    organizationId: requestedOrg || ctx.state.defaultOrganizationId(user.id),
    codeChallenge: params.query.get('code_challenge'),
    organizationRequested: Boolean(requestedOrg),
    expiresAt: ctx.now() + ctx.authorizationCodeTtlSeconds * 1000,
    authenticationMethod,
    impersonator,
  });
  ctx.stats.codesIssued += 1;
  const location = new URL(params.redirectUri);
  location.searchParams.set('code', code);
  if (params.state !== undefined) location.searchParams.set('state', params.state);
  return redirect(location.toString());
}

function redirectWithError(params: AuthorizeParams, error: string, description: string): EmulatorResponse {
  const location = new URL(params.redirectUri);
  location.searchParams.set('error', error);
  location.searchParams.set('error_description', description);
  if (params.state !== undefined) location.searchParams.set('state', params.state);
  return redirect(location.toString());
}

function page(
  ctx: EmulatorContext,
  params: AuthorizeParams,
  status: number,
  options: { screen?: 'sign-in' | 'sign-up'; email?: string | undefined; error?: string },
): EmulatorResponse {
  const screen = options.screen ?? (params.query.get('screen_hint') === 'sign-up' ? 'sign-up' : 'sign-in');
  return {
    status,
    html: renderAuthorizePage({
      screen,
      query: params.query.toString(),
      users: [...ctx.state.users.values()],
      email: options.email ?? params.query.get('login_hint') ?? undefined,
      ...(options.error ? { error: options.error } : {}),
    }),
  };
}

function errorPage(title: string, message: string): EmulatorResponse {
  return { status: 400, html: renderErrorPage(title, message) };
}
