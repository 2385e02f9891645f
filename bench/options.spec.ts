import { parseOptions } from './options';

describe('parseOptions', () => {
  it('uses the full-run defaults without flags', () => {
    const options = parseOptions([]);

    expect(options.smoke).toBe(false);
    expect(options.rounds).toBe(3);
    expect(options.idleConnections).toBe(10_000);
    expect(options.systems).toEqual(['platform', 'ws-relay', 'socketio-relay', 'centrifugo']);
    expect(options.relayMaxRate).toBeUndefined();
  });

  it('uses the smoke defaults with --smoke', () => {
    const options = parseOptions(['--smoke']);

    expect(options.smoke).toBe(true);
    expect(options.rounds).toBe(1);
    expect(options.idleConnections).toBe(300);
  });

  it('lets flags override the smoke defaults', () => {
    const options = parseOptions(['--rounds', '2', '--smoke', '--systems', 'platform,centrifugo', '--latency-fractions', '0.1,0.5']);

    expect(options.rounds).toBe(2);
    expect(options.systems).toEqual(['platform', 'centrifugo']);
    expect(options.latencyFractions).toEqual([0.1, 0.5]);
  });

  it.each([
    [['--rounds', '0'], /invalid --rounds "0"/],
    [['--rounds', '1.5'], /invalid --rounds "1.5"/],
    [['--systems', 'platform,kafka'], /invalid --systems "kafka"/],
    [['--threads'], /missing value for --threads/],
    [['--no-such-flag', '1'], /unknown option --no-such-flag/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseOptions(argv)).toThrow(message);
  });
});
