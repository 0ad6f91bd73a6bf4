import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

function shortUrl(url: string): string {
  const nodeModules = url.lastIndexOf('node_modules/');
  if (nodeModules !== -1) return url.slice(nodeModules + 'node_modules/'.length);
  const packages = url.indexOf('/packages/');
  if (packages !== -1) return url.slice(packages + 1);
  return url.replace(/^file:\/\//, '').replace(/^.*\/bench\//, 'bench/');
}

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  // Frames without a script are V8 builtins or native bindings (e.g. a crypto job's `run`).
  if (!url) return functionName.startsWith('(') ? functionName : `${functionName || '(anonymous)'} [native]`;
  return `${functionName || '(anonymous)'}  (${shortUrl(url)}:${lineNumber + 1})`;
}

const share = (time: number, total: number) => `${((100 * time) / total).toFixed(1).padStart(5)}%`;

/**
 * The functions of a `.cpuprofile` with the most self time, then the functions of
 * `@authkit-ssr/core` with the most total time (themselves and what they call), as text lines.
 */
export function summarizeCpuProfile(path: string, top = 10): string[] {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

  const selfTime = new Map<string, number>();
  const totalTime = new Map<string, number>();
  let total = 0;
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let index = 0; index < samples.length; index++) {
    const node = byId.get(samples[index]!);
    if (!node) continue;
    const { functionName, url } = node.callFrame;
    // Idle time, and the profiler's own work when it stops.
    if (functionName === '(idle)' || url.startsWith('node:inspector')) continue;
    const delta = deltas[index] ?? 0;
    total += delta;
    const self = frameName(node);
    selfTime.set(self, (selfTime.get(self) ?? 0) + delta);
    const seen = new Set<string>();
    for (
      let current: ProfileNode | undefined = node;
      current;
      current = byId.get(parentOf.get(current.id) ?? -1)
    ) {
      if (!current.callFrame.url.includes('/packages/core/')) continue;
      const name = frameName(current);
      if (seen.has(name)) continue;
      seen.add(name);
      totalTime.set(name, (totalTime.get(name) ?? 0) + delta);
    }
  }
  const ranked = (times: Map<string, number>) =>
    [...times.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, time]) => `${share(time, total)}  ${name}`);
  return [
    'self time:',
    ...ranked(selfTime),
    '',
    'total time in @authkit-ssr/core functions (themselves and their callees):',
    ...ranked(totalTime),
  ];
}
