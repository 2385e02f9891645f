/**
 * Every metric that the Grafana dashboard, the alerting rules and
 * docs/operations.md refer to must be exported by a running service, so that
 * a renamed metric cannot silently empty a panel or disarm an alert.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { createAccount } from './support/accounts';
import { SocketTracker, newClientMessageId, sendMessage } from './support/sockets';
import { ServiceName, useTestSystem } from './support/system';

const ROOT = path.resolve(__dirname, '..', '..');
const CHART_DIR = path.join(ROOT, 'helm', 'messenger');
const SERVICES: ServiceName[] = ['gateway-a', 'auth', 'message', 'presence', 'media'];
const METRIC_NAME = /\bmessenger_[a-z0-9_]+/g;
const HISTOGRAM_SERIES = /_(bucket|sum|count)$/;

const system = useTestSystem();

/** Metric names with their types, from the "# TYPE" lines of every service's /metrics. */
async function exportedMetrics(): Promise<Map<string, string>> {
  const types = new Map<string, string>();
  for (const service of SERVICES) {
    const text = await (await fetch(system.metricsUrl(service))).text();
    for (const match of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) types.set(match[1], match[2]);
  }

  return types;
}

/** Tells whether a name used in a query is exported, directly or as a histogram's _bucket, _sum or _count series. */
function isExported(name: string, types: Map<string, string>): boolean {
  if (types.has(name)) return true;
  const base = name.replace(HISTOGRAM_SERIES, '');

  return base !== name && types.get(base) === 'histogram';
}

function queriesOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(queriesOf);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(queriesOf);

  return [];
}

describe('metrics that operators rely on', () => {
  let types: Map<string, string>;

  beforeAll(async () => {
    // One message, so that the delivery path has run on every service.
    const sockets = new SocketTracker();
    const http = system.http('gateway-a');
    const alice = await createAccount(http, 'metrics-alice');
    const bob = await createAccount(http, 'metrics-bob');
    const socket = await sockets.connect(http, alice.tokens.accessToken, 'metrics-phone');
    const opened = await socket.request<'conversation'>({ type: 'open_conversation', username: bob.username });
    await sendMessage(socket, opened.conversation.conversationId, 'hello', newClientMessageId());
    sockets.closeAll();
    types = await exportedMetrics();
  });

  it('exports every metric of the Grafana dashboard', () => {
    const dashboard = JSON.parse(fs.readFileSync(path.join(CHART_DIR, 'dashboards', 'messenger-overview.json'), 'utf8'));
    const names = new Set(queriesOf(dashboard).flatMap((text) => text.match(METRIC_NAME) ?? []));
    expect(names.size).toBeGreaterThan(20);
    expect([...names].filter((name) => !isExported(name, types))).toEqual([]);
  });

  it('exports every metric of the alerting rules', () => {
    const rules = parse(fs.readFileSync(path.join(CHART_DIR, 'alerts', 'messenger-rules.yaml'), 'utf8'));
    const names = new Set(queriesOf(rules).flatMap((text) => text.match(METRIC_NAME) ?? []));
    expect(names.size).toBeGreaterThan(10);
    expect([...names].filter((name) => !isExported(name, types))).toEqual([]);
  });

  it('exports every metric of the operations guide', () => {
    const guide = fs.readFileSync(path.join(ROOT, 'docs', 'operations.md'), 'utf8');
    const table = guide.slice(guide.indexOf('## Metrics'), guide.indexOf('## Alerts'));
    const documented = [...table.matchAll(/`([a-z0-9_]+)(?:\{[^}]*\})?`/g)].map((match) => match[1]);
    expect(documented.length).toBeGreaterThan(20);
    const exportedBaseNames = new Set([...types.keys()].map((name) => name.replace(/^messenger_[a-z]+_/, '')));
    expect(documented.filter((name) => !exportedBaseNames.has(name))).toEqual([]);
  });
});
