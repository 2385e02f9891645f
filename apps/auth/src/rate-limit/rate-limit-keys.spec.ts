import { RateLimitKeys, clientScope } from './rate-limit-keys';

describe('clientScope', () => {
  it('keeps IPv4 and IPv6 addresses', () => {
    expect(clientScope('203.0.113.7')).toBe('203.0.113.7');
    expect(clientScope(' 2001:db8::1 ')).toBe('2001:db8::1');
  });

  it('is undefined without an address', () => {
    expect(clientScope('')).toBeUndefined();
    expect(clientScope('   ')).toBeUndefined();
  });

  it('hashes odd input into a short scope', () => {
    const scope = clientScope('x'.repeat(500));

    expect(scope).toMatch(/^h:[0-9a-f]{32}$/);
    expect(clientScope('x'.repeat(500))).toBe(scope);
  });
});

describe('RateLimitKeys', () => {
  it('keeps login and registration counters apart under the loginAttempts family', () => {
    expect(RateLimitKeys.loginByUsername('alice')).toBe('messenger:auth:login-attempts:login:user:alice');
    expect(RateLimitKeys.loginByClient('1.2.3.4')).toBe('messenger:auth:login-attempts:login:ip:1.2.3.4');
    expect(RateLimitKeys.registerByClient('1.2.3.4')).toBe('messenger:auth:login-attempts:register:ip:1.2.3.4');
  });
});
