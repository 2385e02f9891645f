import { GatewayPool } from './gateway-pool';

const a = new URL('http://127.0.0.1:1001');
const b = new URL('http://127.0.0.1:1002');
const c = new URL('http://127.0.0.1:1003');

function origins(urls: URL[]): string[] {
  return urls.map((url) => url.port);
}

describe('GatewayPool', () => {
  it('rotates the first choice over all gateways', () => {
    const sut = new GatewayPool([a, b, c]);

    expect(origins(sut.candidates())).toEqual(['1001', '1002', '1003']);
    expect(origins(sut.candidates())).toEqual(['1002', '1003', '1001']);
    expect(origins(sut.candidates())).toEqual(['1003', '1001', '1002']);
    expect(origins(sut.candidates())).toEqual(['1001', '1002', '1003']);
  });

  it('tries a failed gateway last during its cooldown', () => {
    let now = 0;
    const sut = new GatewayPool([a, b, c], 5_000, () => now);
    sut.markFailed(a);

    expect(origins(sut.candidates())).toEqual(['1002', '1003', '1001']);
    expect(origins(sut.candidates())).toEqual(['1002', '1003', '1001']);

    now = 5_001;
    expect(origins(sut.candidates())).toEqual(['1003', '1001', '1002']);
  });

  it('restores a gateway that answered again', () => {
    const sut = new GatewayPool([a, b], 5_000, () => 0);
    sut.markFailed(a);
    sut.markAvailable(a);

    expect(origins(sut.candidates())).toEqual(['1001', '1002']);
  });

  it('still offers every gateway when all failed', () => {
    const sut = new GatewayPool([a, b], 5_000, () => 0);
    sut.markFailed(a);
    sut.markFailed(b);

    expect(origins(sut.candidates())).toEqual(['1001', '1002']);
  });

  it('rejects an empty list', () => {
    expect(() => new GatewayPool([])).toThrow('at least one gateway URL');
  });
});
