/**
 * helm lint, and the rendered manifests of each values case validated
 * against the Kubernetes API schemas (and the Prometheus operator's) with
 * kubeconform, offline. See scripts/install-k8s-tools.sh for the tools.
 */
import { VALUES_CASES, lintChart, parseManifests, renderChart, validateManifests } from './support/helm';

describe.each(VALUES_CASES)('the chart with $name', ({ files, set, release }) => {
  it('passes helm lint --strict', () => {
    expect(lintChart(files, set)).toContain('0 chart(s) failed');
  });

  it('renders manifests that match the Kubernetes schemas', () => {
    const manifests = renderChart(files, set, release);
    const summary = validateManifests(manifests);
    expect(summary).toEqual({ valid: parseManifests(manifests).length, invalid: 0, errors: 0, skipped: 0 });
  });
});

describe('chart values', () => {
  it('rejects a misspelt Kubernetes field', () => {
    const manifests = renderChart([], ['gateway.topologySpreadConstraints[0].maxSkw=1']);
    expect(() => validateManifests(manifests)).toThrow(/maxSkw/);
  });

  it('rejects extraEnv that the chart sets itself', () => {
    expect(() => renderChart([], ['message.extraEnv.KAFKA_BROKERS=elsewhere:9092'])).toThrow(
      /message.extraEnv.KAFKA_BROKERS is set by the chart/,
    );
  });

  it.each([
    ['gateway.config.trustProxyHops=2', 'gateway.ingress.enabled=false', '"2"'],
    ['gateway.config.trustProxyHops=0', 'gateway.ingress.enabled=true', '"0"'],
    ['gateway.config.trustProxyHops=null', 'gateway.ingress.enabled=true', '"1"'],
    ['gateway.config.trustProxyHops=null', 'gateway.ingress.enabled=false', '"0"'],
  ])('takes %s with %s', (hops, ingress, rendered) => {
    expect(renderChart([], [hops, ingress])).toContain(`GATEWAY_TRUST_PROXY_HOPS: ${rendered}`);
  });

  it('gives each release its own dashboard uid', () => {
    const dashboards = parseManifests(renderChart([], [], 'support-chat'))
      .map((object) => object.data?.['messenger-overview.json'])
      .filter((text): text is string => text !== undefined);
    expect(dashboards).toHaveLength(1);
    const dashboard = JSON.parse(dashboards[0]) as { uid: string; title: string };
    expect(dashboard.uid).toBe('support-chat-messenger');
    expect(dashboard.title).toBe('Messenger overview (support-chat)');
  });

  it('rejects a secret in extraEnv', () => {
    expect(() => renderChart([], ['auth.extraEnv.CASSANDRA_PASSWORD=hunter2'])).toThrow(/looks like a secret/);
  });
});
