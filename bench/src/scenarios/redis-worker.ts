// One app process of scenario 4 (forked by redis-processes.ts, talks over IPC). It holds three
// contenders side by side: ours with the Redis coordinator, ours with the default in-process
// coordinator, and the anchor. On `go`, it sends `count` concurrent requests with the given cookie.
import type { AuthKitCore } from '@authkit-ssr/core';
import { benchRequest, type Contender, createAnchor, createOurs, type Upstream } from '../lib/contenders.ts';

export type WorkerCommand =
  | { type: 'init'; upstream: Upstream; redisUrl: string; keyPrefix: string; validCookie: string }
  | { type: 'go'; variant: string; cookie: string; count: number }
  | { type: 'exit' };

export type WorkerReply =
  | { type: 'ready'; variants: string[]; redisError?: string }
  | { type: 'done'; failed: number; roles: Record<string, number>; wallMs: number }
  | { type: 'error'; message: string };

const send = (reply: WorkerReply) => process.send?.(reply);
const contenders: Record<string, Contender> = {};
let closeRedis: (() => Promise<void>) | undefined;

async function connectRedisCoordinator(
  upstream: Upstream,
  redisUrl: string,
  keyPrefix: string,
): Promise<{ core: AuthKitCore; authenticate: Contender; close: () => Promise<void> }> {
  const [{ createClient }, { createRedisRefreshCoordinator, fromNodeRedis }] = await Promise.all([
    import('redis'),
    import('@authkit-ssr/redis'),
  ]);
  const client = createClient({
    url: redisUrl,
    disableOfflineQueue: true,
    socket: { reconnectStrategy: false },
  });
  client.on('error', () => {});
  await client.connect();
  const coordinator = createRedisRefreshCoordinator({
    client: fromNodeRedis(client),
    keyPrefix,
    logger: (message: string) => process.stderr.write(`  [worker ${process.pid}] ${message}\n`),
  });
  const ours = createOurs(upstream, { refreshCoordinator: coordinator });
  return {
    ...ours,
    close: async () => {
      await coordinator.close();
      client.destroy();
    },
  };
}

async function handle(command: WorkerCommand): Promise<void> {
  switch (command.type) {
    case 'init': {
      let redisError: string | undefined;
      try {
        const ours = await connectRedisCoordinator(command.upstream, command.redisUrl, command.keyPrefix);
        contenders.oursRedis = ours.authenticate;
        closeRedis = ours.close;
      } catch (error) {
        redisError = error instanceof Error ? error.message : String(error);
      }
      contenders.oursInProcess = createOurs(command.upstream).authenticate;
      contenders.anchor = createAnchor(command.upstream).authenticate;
      // Warm-up: the JWKS is fetched and cached, and the code paths are compiled.
      for (const contender of Object.values(contenders)) {
        const outcome = await contender(benchRequest(command.validCookie));
        if (!outcome.signedIn) throw new Error(`warm-up failed (${outcome.errorCode ?? 'signed out'})`);
      }
      send({ type: 'ready', variants: Object.keys(contenders), ...(redisError ? { redisError } : {}) });
      return;
    }
    case 'go': {
      const contender = contenders[command.variant];
      if (!contender) throw new Error(`unknown variant ${command.variant}`);
      const requests = Array.from({ length: command.count }, () => benchRequest(command.cookie));
      const start = performance.now();
      const outcomes = await Promise.all(requests.map((request) => contender(request)));
      const wallMs = performance.now() - start;
      const roles: Record<string, number> = {};
      for (const outcome of outcomes) {
        const role =
          outcome.refresh ?? (outcome.signedIn ? 'signed in' : (outcome.errorCode ?? 'signed out'));
        roles[role] = (roles[role] ?? 0) + 1;
      }
      send({ type: 'done', failed: outcomes.filter((o) => !o.signedIn).length, roles, wallMs });
      return;
    }
    case 'exit':
      await closeRedis?.();
      process.disconnect?.();
      process.exit(0);
  }
}

process.on('message', (command: WorkerCommand) => {
  handle(command).catch((error: unknown) => {
    send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  });
});
// The parent going away ends this process too.
process.on('disconnect', () => process.exit(0));
