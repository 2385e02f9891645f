/**
 * Runs helm and kubeconform, built into .local/bin by
 * scripts/install-k8s-tools.sh, on the chart in helm/messenger, and parses the
 * rendered manifests.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const CHART_DIR = path.join(ROOT, 'helm', 'messenger');
const LOCAL_DIR = process.env.MESSENGER_LOCAL_DIR ?? path.join(ROOT, '.local');
const SCHEMA_DIR = path.join(LOCAL_DIR, 'k8s-schemas');

export const RELEASE = 'chat';
export const NAMESPACE = 'messaging';

export interface ValuesCase {
  name: string;
  files: string[];
  set?: string[];
  release?: string;
}

/**
 * The renders that CI checks: the defaults, each file in helm/messenger/ci,
 * and a long release name with moved ports and an exposed gateway.
 */
export const VALUES_CASES: ValuesCase[] = [
  { name: 'default values', files: [] },
  ...fs
    .readdirSync(path.join(CHART_DIR, 'ci'))
    .filter((file) => file.endsWith('-values.yaml'))
    .sort()
    .map((file) => ({ name: file, files: [path.join(CHART_DIR, 'ci', file)] })),
  {
    name: 'a long release name, moved ports and a LoadBalancer gateway',
    files: [],
    release: 'customer-support-chat-production-eu-west',
    set: [
      'gateway.ports.http=80',
      'gateway.ports.metrics=9000',
      'auth.ports.grpc=6001',
      'message.ports.grpc=6002',
      'presence.ports.grpc=6003',
      'presence.ports.http=8003',
      'gateway.service.type=LoadBalancer',
      'gateway.autoscaling.enabled=false',
      'gateway.ingress.enabled=true',
      'metrics.serviceMonitor.enabled=true',
    ],
  },
];

function tool(name: string): string {
  const file = path.join(LOCAL_DIR, 'bin', name);
  if (!fs.existsSync(file)) {
    throw new Error(`${file} is missing; run "bash scripts/install-k8s-tools.sh" first`);
  }

  return file;
}

/** Runs a tool and returns its output; a non-zero exit throws with the tool's own output. */
export function run(name: string, args: string[], input?: string): string {
  try {
    return execFileSync(tool(name), args, { cwd: ROOT, input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${name} ${args.join(' ')} failed:\n${failure.stdout ?? ''}${failure.stderr ?? failure.message}`);
  }
}

function valuesArgs(files: string[], set: string[] = []): string[] {
  return [...files.flatMap((file) => ['-f', file]), ...set.flatMap((value) => ['--set', value])];
}

export function lintChart(files: string[], set: string[] = []): string {
  return run('helm', ['lint', CHART_DIR, '--strict', ...valuesArgs(files, set)]);
}

export function renderChart(files: string[], set: string[] = [], release = RELEASE): string {
  return run('helm', ['template', release, CHART_DIR, '--namespace', NAMESPACE, ...valuesArgs(files, set)]);
}

/** Validates manifests against the Kubernetes schemas; missing schemas count as failures. */
export function validateManifests(manifests: string): { valid: number; invalid: number; errors: number; skipped: number } {
  if (!fs.existsSync(SCHEMA_DIR)) {
    throw new Error(`${SCHEMA_DIR} is missing; run "bash scripts/install-k8s-tools.sh" first`);
  }
  const output = run(
    'kubeconform',
    ['-strict', '-summary', '-output', 'json', '-schema-location', `${SCHEMA_DIR}/{{ .ResourceKind }}{{ .KindSuffix }}.json`, '-'],
    manifests,
  );
  const summary = (JSON.parse(output) as { summary: { valid: number; invalid: number; errors: number; skipped: number } })
    .summary;

  return summary;
}

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  // The tests walk the rendered objects freely.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  spec?: any;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

export function parseManifests(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((document) => document.toJS() as K8sObject | null)
    .filter((object): object is K8sObject => object !== null);
}

/** Tells whether the object carries every label that a selector requires. */
export function selects(selector: Record<string, string>, labels: Record<string, string> | undefined): boolean {
  return Object.entries(selector).every(([key, value]) => labels?.[key] === value);
}

/** Finds exactly one object of a kind and name. */
export function find(objects: K8sObject[], kind: string, name: string): K8sObject {
  const matches = objects.filter((object) => object.kind === kind && object.metadata.name === name);
  if (matches.length !== 1) throw new Error(`expected one ${kind} ${name}, found ${matches.length}`);

  return matches[0];
}
