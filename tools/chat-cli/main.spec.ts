import { parseHandshakeRejection } from './gateway-connection';
import { UsageError, defaultDeviceId, parseCliArgs } from './main';

describe('parseCliArgs', () => {
  it('reads every option', () => {
    const sut = parseCliArgs(
      ['--gateway', 'http://127.0.0.1:8081', '--user', 'alice', '--device', 'laptop', '--register', '--verbose'],
      'host',
    );

    expect(sut).toEqual({
      gatewayUrls: ['http://127.0.0.1:8081'],
      username: 'alice',
      deviceId: 'laptop',
      register: true,
      verbose: true,
    });
  });

  it('applies the defaults', () => {
    const sut = parseCliArgs(['--user', 'alice'], 'my host');

    expect(sut?.gatewayUrls).toEqual(['http://127.0.0.1:8080']);
    expect(sut?.deviceId).toBe('cli-my-host');
    expect(sut?.register).toBe(false);
  });

  it('collects repeated gateways in order', () => {
    const sut = parseCliArgs(['--user', 'a', '--gateway', 'http://127.0.0.1:1', '--gateway', 'http://127.0.0.1:2']);

    expect(sut?.gatewayUrls).toEqual(['http://127.0.0.1:1', 'http://127.0.0.1:2']);
  });

  it('returns undefined for --help', () => {
    expect(parseCliArgs(['--help'])).toBeUndefined();
  });

  it('rejects a missing user', () => {
    expect(() => parseCliArgs([])).toThrow(UsageError);
    expect(() => parseCliArgs([])).toThrow('--user is missing');
  });

  it('rejects a gateway that is not http', () => {
    expect(() => parseCliArgs(['--user', 'a', '--gateway', 'ftp://127.0.0.1'])).toThrow('--gateway must be');
  });

  it('rejects an invalid device id', () => {
    expect(() => parseCliArgs(['--user', 'a', '--device', 'my laptop'])).toThrow('--device must be');
  });

  it('rejects an unknown option', () => {
    expect(() => parseCliArgs(['--user', 'a', '--colour'])).toThrow(UsageError);
  });
});

describe('defaultDeviceId', () => {
  it('keeps the device id within 64 characters', () => {
    expect(defaultDeviceId('h'.repeat(100))).toHaveLength(64);
  });
});

describe('parseHandshakeRejection', () => {
  it('extracts the status and code', () => {
    const error = new Error('handshake rejected with 401: TOKEN_EXPIRED: access token expired; refresh it and reconnect');

    expect(parseHandshakeRejection(error)).toEqual({ status: 401, code: 'TOKEN_EXPIRED' });
  });

  it('returns undefined for other errors', () => {
    expect(parseHandshakeRejection(new Error('connect ECONNREFUSED 127.0.0.1:8080'))).toBeUndefined();
    expect(parseHandshakeRejection('text')).toBeUndefined();
  });
});
