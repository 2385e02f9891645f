import fs from 'node:fs';
import type { SystemKind } from '../generator/worker-protocol';
import type { BenchResults } from './results';
import { PLATFORM, SummaryRow, checkTargets, summarize } from './summary';

export const SECTION_START = '<!-- bench-results:start -->';
export const SECTION_END = '<!-- bench-results:end -->';

function formatValue(value: number | null | undefined): string {
  if (value === null || value === undefined) return 'n/a';
  if (value === Infinity) return 'not reached';
  if (Number.isInteger(value)) return value.toLocaleString('en-US');

  return value.toLocaleString('en-US', { maximumSignificantDigits: 3 });
}

function formatRatio(platform: number | null | undefined, peer: number | null | undefined): string {
  if (platform == null || peer == null || !Number.isFinite(platform) || !Number.isFinite(peer) || peer === 0) return '–';

  return `${(platform / peer).toLocaleString('en-US', { maximumSignificantDigits: 3 })}×`;
}

function renderTable(rows: SummaryRow[], systems: SystemKind[]): string {
  const peers = systems.filter((kind) => kind !== PLATFORM);
  const header = ['metric', ...systems, ...peers.map((peer) => `platform ÷ ${peer}`)];
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  for (const row of rows) {
    const cells = [row.metric, ...systems.map((kind) => formatValue(row.values[kind])), ...peers.map((peer) => formatRatio(row.values[PLATFORM], row.values[peer]))];
    lines.push(`| ${cells.join(' | ')} |`);
  }

  return lines.join('\n');
}

/** Renders the machine, the medians with ratios, the targets and the plot as a Markdown section. */
export function renderResultsMarkdown(results: BenchResults, plotPath: string): string {
  const machine = results.machine;
  const options = results.options;
  const targets = checkTargets(results)
    .map((check) => `- ${check.met === null ? 'not measured' : check.met ? 'met' : 'NOT met'}: ${check.target} (${check.detail})`)
    .join('\n');

  return [
    `### Results, ${results.startedAt.slice(0, 10)} (${results.mode} run, commit ${machine.gitCommit})`,
    '',
    `Machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Linux ${machine.kernel}, Node ${machine.node}, open files ${machine.openFilesLimit}. ` +
      `Medians of ${options.rounds} round(s); ratios are platform ÷ peer, so below 1 is less for the platform. ` +
      `Relay maximum used by the latency scenario: ${results.relayMaxRate ?? 'unknown'} messages/s.`,
    '',
    renderTable(summarize(results), options.systems),
    '',
    'Targets:',
    '',
    targets,
    '',
    `![p50 and p99 latency against offered load](${plotPath})`,
    ...(results.errors.length === 0
      ? []
      : ['', 'Failed trials (left out of the medians):', '', ...results.errors.map((error) => `- ${error.scenario}, ${error.system}, round ${error.round}: ${error.message.split('\n')[0]}`)]),
  ].join('\n');
}

/** Replaces the text between the results markers of the README with the section. */
export function replaceReadmeSection(readmeFile: string, section: string): void {
  const readme = fs.readFileSync(readmeFile, 'utf8');
  const start = readme.indexOf(SECTION_START);
  const end = readme.indexOf(SECTION_END);
  if (start < 0 || end < start) {
    throw new Error(`${readmeFile} lacks the markers ${SECTION_START} and ${SECTION_END}; add them where the results go`);
  }
  fs.writeFileSync(readmeFile, `${readme.slice(0, start + SECTION_START.length)}\n${section}\n${readme.slice(end)}`);
}
