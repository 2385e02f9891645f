/**
 * Runs helm and kubeconform, built into .local/bin by
 * scripts/install-k8s-tools.sh, on the chart in helm/messenger, and parses the
 * rendered manifests.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';

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
 * The settings that the chart requires and has no default for: the media
 * service's S3 endpoint and credentials (here from a Secret made outside the
 * chart).
 */
export const REQUIRED_SET = [
  'media.s3.endpoint=http://s3.storage.example:9000',
  'media.s3.existingSecret=messenger-media-s3',
];

/**
 * The renders that CI checks: the defaults with the required settings, each
 * file in helm/messenger/ci, and a long release name with moved ports, S3
 * credentials stored by the chart and an exposed gateway.
 */
export const VALUES_CASES: ValuesCase[] = [
  { name: 'default values with the required S3 settings', files: [], set: REQUIRED_SET },
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
      'media.ports.http=8004',
      'media.ports.grpc=6004',
      'media.ports.metrics=9004',
      'media.s3.endpoint=https://objects.example.com',
      'media.s3.accessKeyId=sample-access-key-id',
      'media.s3.secretAccessKey=sample-secret-access-key',
      'gateway.service.type=LoadBalancer',
      'gateway.autoscaling.enabled=false',
      'gateway.ingress.enabled=true',
      'metrics.serviceMonitor.enabled=true',
    ],
  },
];

/**
 * Returns the value of a key in the render of a case: from the last --set
 * that names it, else the last values file that has it, else values.yaml.
 * Only plain --set values (true, false, numbers, strings) are parsed.
 */
export function valueOf(valuesCase: Pick<ValuesCase, 'files' | 'set'>, key: string): unknown {
  const assignment = [...(valuesCase.set ?? [])].reverse().find((entry) => entry.startsWith(`${key}=`));
  if (assignment !== undefined) return parse(assignment.slice(key.length + 1)) as unknown;

  const sources = [path.join(CHART_DIR, 'values.yaml'), ...valuesCase.files].reverse();
  for (const file of sources) {
    let node: unknown = parse(fs.readFileSync(file, 'utf8'));
    for (const part of key.split('.')) {
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
    }
    if (node !== undefined) return node;
  }

  return undefined;
}

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
