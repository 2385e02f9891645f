/**
 * helm lint, and the rendered manifests of each values case validated
 * against the Kubernetes API schemas (and the Prometheus operator's) with
 * kubeconform, offline. See scripts/install-k8s-tools.sh for the tools.
 */
import { REQUIRED_SET, VALUES_CASES, lintChart, parseManifests, renderChart, validateManifests } from './support/helm';

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
    const manifests = renderChart([], [...REQUIRED_SET, 'gateway.topologySpreadConstraints[0].maxSkw=1']);
    expect(() => validateManifests(manifests)).toThrow(/maxSkw/);
  });

  it('rejects extraEnv that the chart sets itself', () => {
    expect(() => renderChart([], [...REQUIRED_SET, 'message.extraEnv.KAFKA_BROKERS=elsewhere:9092'])).toThrow(
      /message.extraEnv.KAFKA_BROKERS is set by the chart/,
    );
  });

  it.each([
    ['gateway.config.trustProxyHops=2', 'gateway.ingress.enabled=false', '"2"'],
    ['gateway.config.trustProxyHops=0', 'gateway.ingress.enabled=true', '"0"'],
    ['gateway.config.trustProxyHops=null', 'gateway.ingress.enabled=true', '"1"'],
    ['gateway.config.trustProxyHops=null', 'gateway.ingress.enabled=false', '"0"'],
  ])('takes %s with %s', (hops, ingress, rendered) => {
    expect(renderChart([], [...REQUIRED_SET, hops, ingress])).toContain(`GATEWAY_TRUST_PROXY_HOPS: ${rendered}`);
  });

  it('gives each release its own dashboard uid', () => {
    const dashboards = parseManifests(renderChart([], REQUIRED_SET, 'support-chat'))
      .map((object) => object.data?.['messenger-overview.json'])
      .filter((text): text is string => text !== undefined);
    expect(dashboards).toHaveLength(1);
    const dashboard = JSON.parse(dashboards[0]) as { uid: string; title: string };
    expect(dashboard.uid).toBe('support-chat-messenger');
    expect(dashboard.title).toBe('Messenger overview (support-chat)');
  });

  it('rejects a secret in extraEnv', () => {
    expect(() => renderChart([], [...REQUIRED_SET, 'auth.extraEnv.CASSANDRA_PASSWORD=hunter2'])).toThrow(/looks like a secret/);
  });

  it('requires the S3 endpoint', () => {
    expect(() => renderChart([], ['media.s3.existingSecret=messenger-media-s3'])).toThrow(/media.s3.endpoint is required/);
  });

  it.each([
    ['no credentials', []],
    ['an access key id alone', ['media.s3.accessKeyId=sample-access-key-id']],
  ])('requires S3 credentials, not %s', (_case, credentials) => {
    expect(() => renderChart([], ['media.s3.endpoint=http://s3.storage.example:9000', ...credentials])).toThrow(
      /media.s3 has no credentials/,
    );
  });

  it('skips the bucket without createBucket', () => {
    const objects = parseManifests(renderChart([], [...REQUIRED_SET, 'media.s3.createBucket=false']));
    const job = objects.find((object) => object.kind === 'Job');
    const names = job?.spec.template.spec.containers[0].env.map((entry: { name: string }) => entry.name);
    expect(names).toContain('CASSANDRA_KEYSPACE');
    expect(names.filter((name: string) => name.startsWith('MEDIA_S3_'))).toEqual([]);
  });

  it('routes /v1/media only with the Ingress', () => {
    const withoutIngress = parseManifests(renderChart([], REQUIRED_SET));
    expect(withoutIngress.filter((object) => object.kind === 'Ingress')).toEqual([]);

    const withIngress = parseManifests(renderChart([], [...REQUIRED_SET, 'gateway.ingress.enabled=true']));
    const paths = withIngress
      .filter((object) => object.kind === 'Ingress')
      .flatMap((ingress) => ingress.spec.rules[0].http.paths.map((route: { path: string }) => route.path));
    expect(paths.sort()).toEqual(['/v1', '/v1/media']);
  });
});
