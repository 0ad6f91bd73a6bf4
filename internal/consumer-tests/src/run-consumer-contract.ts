import { type ContractPaths, runAdapterContract } from '@authkit-ssr/adapter-contract';
import { beforeAll } from 'vitest';
import { type ConsumerAppDefinition, type PreparedConsumerApp, prepareConsumerApp } from './consumer-app.ts';

// The routes every example mounts (the examples agree on them so that one suite drives them all).
const EXAMPLE_PATHS: ContractPaths = {
  home: '/',
  protectedPage: '/account',
  api: '/api/me',
  callback: '/api/auth/callback',
  signIn: '/api/auth/sign-in',
  signOut: { path: '/api/auth/sign-out', method: 'POST' },
  switchOrganization: '/api/organization',
};

/**
 * In a vitest file: rebuilds the example as an app outside the workspace from the packed
 * packages (see `prepareConsumerApp`), then runs the adapter contract suite against its
 * production server. Returns the prepared app for further tests in the same file.
 */
export function runConsumerContract(definition: ConsumerAppDefinition): () => PreparedConsumerApp {
  let prepared: PreparedConsumerApp | undefined;
  const app = () => {
    if (!prepared) throw new Error(`the consumer app ${definition.example} was not prepared`);
    return prepared;
  };

  beforeAll(async () => {
    prepared = await prepareConsumerApp(definition);
    console.log(
      `consumer ${definition.example}: npm install ${prepared.installSeconds.toFixed(0)} s, build ${prepared.buildSeconds.toFixed(0)} s`,
    );
  }, 25 * 60_000);

  runAdapterContract({
    name: `${definition.example}, installed from the packed tarballs with npm`,
    start: ({ port }) => definition.start(app().dir, port),
    paths: EXAMPLE_PATHS,
    env: { NEXT_TELEMETRY_DISABLED: '1' },
    ...(definition.startupTimeoutMs ? { startupTimeoutMs: definition.startupTimeoutMs } : {}),
    ...(definition.varyCookieOnPages === undefined
      ? {}
      : { varyCookieOnPages: definition.varyCookieOnPages }),
  });
  return app;
}
