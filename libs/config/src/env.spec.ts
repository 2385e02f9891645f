import { ConfigError, intVar, listVar, readConfig, stringVar } from './env';

describe('readConfig', () => {
  const names = { host: 'APP_HOST', port: 'APP_PORT', brokers: 'APP_BROKERS' };
  const spec = {
    host: stringVar({ default: '127.0.0.1' }),
    port: intVar({ min: 1, max: 65535 }),
    brokers: listVar(),
  };

  it('reads typed values and defaults', () => {
    const sut = readConfig(names, spec, { APP_PORT: '8080', APP_BROKERS: 'a:1, b:2' });

    expect(sut).toEqual({ host: '127.0.0.1', port: 8080, brokers: ['a:1', 'b:2'] });
  });

  it('names every invalid variable at once', () => {
    let caught: unknown;
    try {
      readConfig(names, spec, { APP_PORT: 'eighty' });
    } catch (error) {
      caught = error;
    }

    expect(caught).toBeInstanceOf(ConfigError);
    const problems = (caught as ConfigError).problems;
    expect(problems).toContain('APP_PORT must be an integer, got "eighty"');
    expect(problems).toContain('APP_BROKERS is missing');
  });

  it('rejects a port out of range', () => {
    expect(() => readConfig(names, spec, { APP_PORT: '70000', APP_BROKERS: 'a' })).toThrow(
      'APP_PORT must be at most 65535, got 70000',
    );
  });
});
