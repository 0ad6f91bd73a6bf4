import type { UserRecord } from '../emulator-state.js';

/** What the hosted sign-in page shows. */
export interface AuthorizePageModel {
  screen: 'sign-in' | 'sign-up';
  /** The authorize URL's query string, posted back unchanged. */
  query: string;
  users: UserRecord[];
  email?: string;
  error?: string;
}

/** Renders the emulator's hosted AuthKit page: pick a seeded user, sign in with a password, or sign up. */
export function renderAuthorizePage(model: AuthorizePageModel): string {
  const action = `/user_management/authorize?${model.query}`;
  const otherScreen = new URLSearchParams(model.query);
  otherScreen.set('screen_hint', model.screen === 'sign-in' ? 'sign-up' : 'sign-in');
  const error = model.error ? `<p class="error" role="alert">${escapeHtml(model.error)}</p>` : '';
  const body =
    model.screen === 'sign-up'
      ? `<h1>Create an account</h1>${error}
<form method="post" action="${escapeHtml(action)}">
  <input type="hidden" name="intent" value="sign-up">
  <label>First name <input name="first_name" autocomplete="given-name"></label>
  <label>Last name <input name="last_name" autocomplete="family-name"></label>
  <label>Email <input name="email" type="email" required value="${escapeHtml(model.email ?? '')}"></label>
  <label>Password <input name="password" type="password" required autocomplete="new-password"></label>
  <button type="submit">Sign up</button>
</form>
<p><a href="/user_management/authorize?${escapeHtml(otherScreen.toString())}">Already have an account? Sign in</a></p>`
      : `<h1>Sign in</h1>${error}
<ul class="users">
${model.users
  .map(
    (user) => `  <li><form method="post" action="${escapeHtml(action)}">
    <input type="hidden" name="intent" value="select"><input type="hidden" name="user_id" value="${escapeHtml(user.id)}">
    <button type="submit">Continue as ${escapeHtml(displayName(user))} &lt;${escapeHtml(user.email)}&gt;</button>
  </form></li>`,
  )
  .join('\n')}
</ul>
<form method="post" action="${escapeHtml(action)}">
  <input type="hidden" name="intent" value="sign-in">
  <label>Email <input name="email" type="email" required autocomplete="username" value="${escapeHtml(model.email ?? '')}"></label>
  <label>Password <input name="password" type="password" required autocomplete="current-password"></label>
  <button type="submit">Sign in</button>
</form>
<p><a href="/user_management/authorize?${escapeHtml(otherScreen.toString())}">No account? Sign up</a></p>`;
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${model.screen === 'sign-up' ? 'Sign up' : 'Sign in'} · WorkOS emulator</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}label{display:block;margin:.5rem 0}input{display:block;width:100%;padding:.4rem}button{margin:.3rem 0;padding:.4rem .8rem}ul{list-style:none;padding:0}.error{color:#b00020}</style>
</head>
<body>
${body}
<footer><small>@authkit-ssr/emulator: a local WorkOS emulator. Not a real sign-in.</small></footer>
</body>
</html>
`;
}

/** Renders the page shown when the authorize request cannot be redirected (bad client or redirect URI). */
export function renderErrorPage(title: string, message: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · WorkOS emulator</title></head>
<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>
`;
}

function displayName(user: UserRecord): string {
  return [user.firstName, user.lastName].filter(Boolean).join(' ') || user.email;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
