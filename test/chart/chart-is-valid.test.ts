/**
 * helm lint, and the rendered manifests of each values case validated
 * against the Kubernetes API schemas (and the Prometheus operator's) with
 * kubeconform, offline. See scripts/install-k8s-tools.sh for the tools.
 */
import { VALUES_CASES, lintChart, parseManifests, renderChart, validateManifests } from './support/helm';

describe.each(VALUES_CASES)('the chart with $name', ({ files }) => {
  it('passes helm lint --strict', () => {
    expect(lintChart(files)).toContain('0 chart(s) failed');
  });

  it('renders manifests that match the Kubernetes schemas', () => {
    const manifests = renderChart(files);
    const summary = validateManifests(manifests);
    expect(summary).toEqual({ valid: parseManifests(manifests).length, invalid: 0, errors: 0, skipped: 0 });
  });
});

describe('chart values that must be refused', () => {
  it('refuses a misspelt key in a template value that kubeconform knows', () => {
    const manifests = renderChart([], ['gateway.topologySpreadConstraints[0].maxSkw=1']);
    expect(() => validateManifests(manifests)).toThrow(/maxSkw/);
  });
});
