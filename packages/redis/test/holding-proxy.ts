import { connect, createServer, type Socket } from 'node:net';

/** A TCP proxy whose answers a test can hold back: an upstream that is slow exactly as long as needed. */
export interface HoldingProxy {
  readonly port: number;
  /** From now on, answers wait (the requests still go through). */
  hold(): void;
  /** Delivers the held answers, and lets later ones through. */
  release(): void;
  close(): Promise<void>;
}

export async function startHoldingProxy(targetPort: number): Promise<HoldingProxy> {
  let holding = false;
  const answers = new Set<Socket>();
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    answers.add(upstream);
    upstream.on('close', () => answers.delete(upstream));
    client.pipe(upstream);
    upstream.pipe(client);
    if (holding) upstream.pause();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    hold() {
      holding = true;
      for (const upstream of answers) upstream.pause();
    },
    release() {
      holding = false;
      for (const upstream of answers) upstream.resume();
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
