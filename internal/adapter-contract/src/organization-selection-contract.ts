import { expect, it } from 'vitest';
import { type ContractClient, signInPath } from './contract-client.ts';
import type { ContractEnvironment, ContractPaths } from './contract-environment.ts';
import { CookieJar, sessionSetCookies } from './cookie-jar.ts';
import { seedOrganizationId } from './seed.ts';

const isRedirect = (status: number) => status >= 300 && status < 400;

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)))
    .replaceAll('&amp;', '&');
}

/**
 * A user of several organizations whom WorkOS asks to choose one (`organization_selection_required`):
 * the callback stops at the picker, and the chosen organization's link completes the sign-in.
 */
export function itSelectsAnOrganizationAtSignIn(
  env: () => ContractEnvironment,
  paths: ContractPaths,
  { request }: ContractClient,
): void {
  it('lets a user of several organizations choose one at sign-in', async () => {
    const { emulator } = env();
    emulator.configure({ organizationSelection: true });
    try {
      const jar = new CookieJar();
      const start = await request(signInPath(paths, paths.protectedPage), jar);
      jar.apply(start);
      const authorize = await fetch(start.headers.get('location') ?? '', { redirect: 'manual' });
      const callbackUrl = new URL(authorize.headers.get('location') ?? '');
      const callback = await request(`${callbackUrl.pathname}${callbackUrl.search}`, jar);
      expect(isRedirect(callback.status)).toBe(true);
      expect(sessionSetCookies(callback, env().cookieName).some((cookie) => !cookie.deleted)).toBe(false);
      jar.apply(callback);

      const pickerUrl = new URL(callback.headers.get('location') ?? '', env().app.url);
      const picker = await request(`${pickerUrl.pathname}${pickerUrl.search}`, jar);
      expect(picker.status).toBe(200);
      const html = await picker.text();
      const links = [...html.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)];
      expect(links.map((link) => link[2])).toEqual(expect.arrayContaining(['Acme', 'Globex']));
      const globex = links.find((link) => link[2] === 'Globex')?.[1] ?? '';
      const chosen = new URL(decodeEntities(globex), pickerUrl);

      const done = await request(`${chosen.pathname}${chosen.search}`, jar);
      expect(isRedirect(done.status)).toBe(true);
      expect(new URL(done.headers.get('location') ?? '', env().app.url).pathname).toBe(paths.protectedPage);
      jar.apply(done);
      const api = await request(paths.api, jar);
      expect(api.status).toBe(200);
      expect(((await api.json()) as { organizationId: string }).organizationId).toBe(
        seedOrganizationId('Globex'),
      );
      expect(emulator.stats().authenticate.organizationSelection.succeeded).toBe(1);
    } finally {
      emulator.configure({ organizationSelection: false });
    }
  });
}
