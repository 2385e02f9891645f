import { parseOptions } from '../options';
import type { BenchResults } from './results';
import { checkTargets, median } from './summary';

describe('median', () => {
  it.each([
    [[], null],
    [[3], 3],
    [[5, 1, 3], 3],
    [[4, 1, 3, 2], 2.5],
    [[1, Infinity, Infinity], Infinity],
  ])('of %j is %s', (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});

describe('checkTargets', () => {
  function results(overrides: Partial<BenchResults>): BenchResults {
    return {
      mode: 'smoke',
      startedAt: '',
      finishedAt: '',
      machine: { cpuModel: '', cores: 2, memoryGiB: 24, kernel: '', node: '', openFilesLimit: '', gitCommit: '' },
      options: parseOptions(['--smoke']),
      relayMaxRate: null,
      idle: {},
      presence: {},
      throughput: {},
      latency: {},
      storm: {},
      errors: [],
      ...overrides,
    };
  }
  const idle = (bytesPerConnection: number) => ({
    connections: 1,
    open: 1,
    connectSeconds: 0,
    residentDeltaBytes: {},
    bytesPerConnection,
    connectionServerBytesPerConnection: bytesPerConnection,
    generatorCores: 0,
  });

  it('marks unmeasured targets as null', () => {
    const checks = checkTargets(results({}));

    expect(checks.map((check) => check.met)).toEqual([null, null, null]);
  });

  it('compares memory with twice the raw relay', () => {
    const within = checkTargets(results({ idle: { platform: [idle(200)], 'ws-relay': [idle(100)] } }));
    const above = checkTargets(results({ idle: { platform: [idle(201)], 'ws-relay': [idle(100)] } }));

    expect(within[0].met).toBe(true);
    expect(above[0].met).toBe(false);
  });

  it('fails the loss target on a storm duplicate', () => {
    const storm = { connections: 2, dropped: 2, restartSeconds: 1, secondsTo99PercentResumed: 1, sent: 10, delivered: 10, lost: 0, duplicates: 1, redelivered: 0, rejected: 0 };

    expect(checkTargets(results({ storm: { platform: [storm] } }))[2].met).toBe(false);
  });
});
