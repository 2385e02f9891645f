import { HealthRegistry } from './health';

const responds = async () => undefined;
const fails = async () => {
  throw new Error('connection refused');
};

describe('HealthRegistry', () => {
  it('reports ok when every dependency responds', async () => {
    const registry = new HealthRegistry();
    registry.register({ name: 'redis', check: responds });
    registry.register({ name: 'kafka', required: false, check: responds });

    expect((await registry.report()).status).toBe('ok');
  });

  it('reports unavailable when a required dependency fails', async () => {
    const registry = new HealthRegistry();
    registry.register({ name: 'redis', check: fails });
    registry.register({ name: 'kafka', required: false, check: responds });
    const report = await registry.report();

    expect(report.status).toBe('unavailable');
    expect(report.checks.redis).toEqual(expect.objectContaining({ status: 'unavailable', required: true, error: 'connection refused' }));
  });

  it('reports degraded when only an optional dependency fails', async () => {
    const registry = new HealthRegistry();
    registry.register({ name: 'redis', check: responds });
    registry.register({ name: 'kafka', required: false, check: fails });
    const report = await registry.report();

    expect(report.status).toBe('degraded');
    expect(report.checks.kafka).toEqual(expect.objectContaining({ status: 'unavailable', required: false }));
  });
});
