import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser.ts';
import {
  type AdapterContractTarget,
  type ContractEnvironment,
  startContractEnvironment,
} from './contract-environment.ts';

/** The app and the browser of a Chromium suite, once its `beforeAll` has started them. */
export interface ChromiumSuite {
  readonly env: ContractEnvironment;
  readonly browser: Browser;
  /** An absolute URL of the app for `path`. */
  url(path: string): string;
}

/**
 * Call inside a `describe`: starts the target's app (with the emulator) and Chromium before the
 * suite's tests, and stops both after them.
 */
export function useChromiumSuite(
  target: AdapterContractTarget,
  executablePath: string,
  options: Parameters<typeof startContractEnvironment>[1] = {},
): ChromiumSuite {
  let env: ContractEnvironment | undefined;
  let browser: Browser | undefined;
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useChromiumSuite: read before its beforeAll ran');
    return value;
  };

  beforeAll(async () => {
    env = await startContractEnvironment(target, options);
    browser = await launchChromium(executablePath);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await env?.stop();
  });

  return {
    get env() {
      return started(env);
    },
    get browser() {
      return started(browser);
    },
    url: (path) => new URL(path, started(env).app.url).toString(),
  };
}
