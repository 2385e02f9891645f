import { MembershipCache } from './membership-cache';

describe('MembershipCache', () => {
  it('evicts the least recently used entry', () => {
    const sut = new MembershipCache(2);
    sut.set('a', ['u1']);
    sut.set('b', ['u2']);
    sut.get('a');
    sut.set('c', ['u3']);

    expect(sut.get('a')).toEqual(['u1']);
    expect(sut.get('b')).toBeUndefined();
    expect(sut.get('c')).toEqual(['u3']);
  });

  it('forgets an invalidated entry', () => {
    const sut = new MembershipCache();
    sut.set('a', ['u1']);
    sut.invalidate('a');

    expect(sut.get('a')).toBeUndefined();
  });
});
