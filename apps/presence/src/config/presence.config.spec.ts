import { ConfigError } from '@messenger/config';
import { readPresenceConfig } from './presence.config';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    readPresenceConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }

  return [];
}

describe('readPresenceConfig', () => {
  it('applies the documented defaults', () => {
    const sut = readPresenceConfig({});

    expect(sut.httpPort).toBe(3103);
    expect(sut.grpcPort).toBe(50053);
    expect(sut.metricsPort).toBe(9103);
    expect(sut.messageGrpcUrl).toBe('127.0.0.1:50052');
    expect(sut.heartbeatTimeoutMs).toBe(30_000);
    expect(sut.disconnectGraceMs).toBe(5_000);
    expect(sut.sweepIntervalMs).toBe(1_000);
    expect(sut.kafkaBrokers).toEqual(['127.0.0.1:9092']);
  });

  it('reads the timing variables', () => {
    const sut = readPresenceConfig({
      PRESENCE_HEARTBEAT_TIMEOUT_MS: '300',
      PRESENCE_DISCONNECT_GRACE_MS: '200',
      PRESENCE_SWEEP_INTERVAL_MS: '50',
    });

    expect(sut.heartbeatTimeoutMs).toBe(300);
    expect(sut.disconnectGraceMs).toBe(200);
    expect(sut.sweepIntervalMs).toBe(50);
  });

  it('names every invalid variable', () => {
    const problems = problemsOf({ GRPC_PORT: '70000', PRESENCE_SWEEP_INTERVAL_MS: 'often' });

    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('GRPC_PORT');
    expect(problems[1]).toContain('PRESENCE_SWEEP_INTERVAL_MS');
  });

  it('rejects a grace longer than the timeout', () => {
    const problems = problemsOf({ PRESENCE_HEARTBEAT_TIMEOUT_MS: '1000', PRESENCE_DISCONNECT_GRACE_MS: '2000' });

    expect(problems).toEqual([
      'PRESENCE_DISCONNECT_GRACE_MS (2000) must not exceed PRESENCE_HEARTBEAT_TIMEOUT_MS (1000)',
    ]);
  });

  it('accepts a grace equal to the timeout', () => {
    const sut = readPresenceConfig({ PRESENCE_HEARTBEAT_TIMEOUT_MS: '1000', PRESENCE_DISCONNECT_GRACE_MS: '1000' });

    expect(sut.disconnectGraceMs).toBe(1000);
  });
});
