/**
 * The operator's documents must keep up with the code: docs/operations.md
 * names every environment variable that a service reads, and the chart's
 * README names every key of values.yaml.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { authEnv } from '../../apps/auth/src/config/auth.config';
import { gatewayEnv } from '../../apps/gateway/src/config/gateway.config';
import { mediaEnv } from '../../apps/media/src/config/media.config';
import { messageEnv } from '../../apps/message/src/config/message.config';
import { presenceEnv } from '../../apps/presence/src/config/presence.config';
import { CHART_DIR, ROOT } from './support/helm';

const SERVICES = ['gateway', 'auth', 'message', 'presence', 'media'];

/** Maps whose entries are Kubernetes fields or free-form labels, documented as one key. */
const FREE_FORM_KEYS = new Set([
  'affinity',
  'annotations',
  'commonLabels',
  'containerSecurityContext',
  'extraEnv',
  'labels',
  'nodeSelector',
  'podSecurityContext',
  'resources',
  'tls',
  'tolerations',
  'topologySpreadConstraints',
]);

function valueKeys(values: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(values).flatMap(([key, value]) => {
    const keyPath = prefix ? `${prefix}.${key}` : key;
    const isMap = value !== null && typeof value === 'object' && !Array.isArray(value);
    if (isMap && !FREE_FORM_KEYS.has(key) && Object.keys(value).length > 0) {
      return valueKeys(value as Record<string, unknown>, keyPath);
    }

    return [keyPath];
  });
}

describe('docs/operations.md', () => {
  const operations = fs.readFileSync(path.join(ROOT, 'docs', 'operations.md'), 'utf8');

  it.each([
    ['gateway', gatewayEnv],
    ['auth', authEnv],
    ['message', messageEnv],
    ['presence', presenceEnv],
    ['media', mediaEnv],
  ])('documents every variable of %s', (_service, env) => {
    const names = Object.values(env().names as Record<string, string>);
    const missing = names.filter((name) => !operations.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});

describe('the chart README', () => {
  const readme = fs.readFileSync(path.join(CHART_DIR, 'README.md'), 'utf8');
  const values = parse(fs.readFileSync(path.join(CHART_DIR, 'values.yaml'), 'utf8')) as Record<string, unknown>;

  it('documents every key of values.yaml', () => {
    const documented = (key: string) => {
      const [first, ...rest] = key.split('.');
      const generic = SERVICES.includes(first) ? `<service>.${rest.join('.')}` : undefined;

      return readme.includes(`\`${key}\``) || (generic !== undefined && readme.includes(`\`${generic}\``));
    };
    const missing = valueKeys(values).filter((key) => !documented(key));
    expect(missing).toEqual([]);
  });
});
