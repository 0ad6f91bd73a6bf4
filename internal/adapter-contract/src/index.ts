export { type CommandSpec, freePort, type RunningApp, runCommand, startApp } from './app-process.ts';
export {
  collectRequests,
  expireBrowserSession,
  findChromium,
  launchChromium,
  signInOnEmulatorPage,
} from './browser.ts';
export { type ChromiumSuite, useChromiumSuite } from './browser-suite.ts';
export { buildBeforeTests } from './build-once.ts';
export { type ContractClient, createContractClient, type SignInRoundTrip } from './contract-client.ts';
export {
  type AdapterContractTarget,
  type ContractEnvironment,
  type ContractPaths,
  startContractEnvironment,
} from './contract-environment.ts';
export {
  CookieJar,
  isSessionCookieName,
  type ParsedSetCookie,
  parseSetCookie,
  sessionSetCookies,
} from './cookie-jar.ts';
export { ensureChromium } from './ensure-chromium.ts';
export { describeRacePage, type RacePageOptions } from './race-page-suite.ts';
export { runAdapterContract } from './run-adapter-contract.ts';
export { SEED_USER, seedOrganizationId } from './seed.ts';
