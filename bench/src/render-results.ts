import type { ScenarioResult } from './lib/scenario-result.ts';

export interface RunReport {
  generatedAt: string;
  quick: boolean;
  durationSeconds: number;
  environment: {
    node: string;
    platform: string;
    cpus: number;
    cpuModel: string;
    loadAverageAtStart: number[];
  };
  results: ScenarioResult[];
  /** Scenario id → top self-time lines of a CPU profile of ours, for missed targets. */
  profiles: Record<string, string[]>;
}

const VERDICT_LABEL: Record<ScenarioResult['verdict'], string> = {
  met: '✅ met',
  missed: '❌ missed',
  'not available': '— not available',
  error: '⚠️ error',
};

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** The table of the README and of results/latest.md. */
export function renderTable(report: RunReport): string {
  const lines = [
    '| scenario | target | ours | anchor (`@workos/authkit-session` 0.7.1) | floor | verdict |',
    '|---|---|---|---|---|---|',
  ];
  for (const result of report.results) {
    lines.push(
      `| ${cell(result.title)} | ${cell(result.target)} | ${cell(result.ours)} | ${cell(result.anchor)} | ${cell(result.floor)} | ${VERDICT_LABEL[result.verdict]} |`,
    );
  }
  const { environment: env } = report;
  lines.push(
    '',
    `<sub>${report.quick ? '**Quick run** (fewer, shorter rounds). ' : ''}Generated ${report.generatedAt} by \`pnpm bench\` in ${Math.round(report.durationSeconds)} s · Node ${env.node} · ${env.cpus} × ${env.cpuModel} · load average at start ${env.loadAverageAtStart.map((n) => n.toFixed(2)).join(' / ')}. Ratios come from contenders run side by side in the same process and rounds; absolute figures vary from machine to machine.</sub>`,
  );
  return lines.join('\n');
}

/** results/latest.md: the table, then how each figure was measured and the closing note. */
export function renderMarkdown(report: RunReport): string {
  const sections = [
    '# Benchmark results',
    '',
    renderTable(report),
    '',
    '## How each figure was measured',
    '',
  ];
  for (const result of report.results) {
    if (result.note) sections.push(`- **${result.title}**: ${result.note}`);
  }
  sections.push('', '## Closing note', '');
  for (const result of report.results) {
    const figure = result.ours.replaceAll('**', '');
    sections.push(
      `- ${VERDICT_LABEL[result.verdict]}: ${result.title} (target: ${result.target}). Ours: ${figure}.`,
    );
  }
  const profiled = Object.entries(report.profiles);
  if (profiled.length > 0) {
    sections.push(
      '',
      '## Where the time goes (missed targets)',
      '',
      'Self time of ours during the measured part of the scenario (`node src/profile.ts <scenario> ours`; the `.cpuprofile` files are in `bench/results/profiles/`, open them in Chrome DevTools or speedscope):',
    );
    for (const [id, lines] of profiled) {
      sections.push('', `**${id}**`, '', '```', ...lines, '```');
    }
  }
  return `${sections.join('\n')}\n`;
}

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

/** Replaces the table between the markers of the README. */
export function spliceReadme(readme: string, report: RunReport): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start === -1 || end === -1 || end < start) return readme;
  return `${readme.slice(0, start + START.length)}\n${renderTable(report)}\n${readme.slice(end)}`;
}
