import { ErrorCode } from '@messenger/protocol';
import { DownloadLinkSigner } from './download-links';

const fileId = '9a7c1f3e-5b2d-4c8e-8f11-2a3b4c5d6e7f';
const now = 1_800_000_000_000;

function codeOf(fn: () => void): string | undefined {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code;
  }

  return undefined;
}

function queryOf(url: string): { expires: string; signature: string } {
  const params = new URL(url, 'http://media.invalid').searchParams;

  return { expires: params.get('expires')!, signature: params.get('signature')! };
}

describe('DownloadLinkSigner', () => {
  const sut = new DownloadLinkSigner(Buffer.alloc(32, 7), 300);

  it('signs a relative URL that verifies until it expires', () => {
    const link = sut.sign(fileId, 'original', now);
    const { expires, signature } = queryOf(link.url);

    expect(link.url.startsWith(`/v1/media/download/${fileId}/original?`)).toBe(true);
    expect(link.expiresAt).toBe(now + 300_000);
    expect(() => sut.verify(fileId, 'original', expires, signature, now + 299_000)).not.toThrow();
    expect(codeOf(() => sut.verify(fileId, 'original', expires, signature, now + 300_000))).toBe(ErrorCode.LINK_EXPIRED);
  });

  it('rejects a signature of another variant, file or expiry', () => {
    const { expires, signature } = queryOf(sut.sign(fileId, 'thumbnail-160', now).url);

    expect(codeOf(() => sut.verify(fileId, 'original', expires, signature, now))).toBe(ErrorCode.INVALID_SIGNATURE);
    expect(codeOf(() => sut.verify(fileId.replace('9', '8'), 'thumbnail-160', expires, signature, now))).toBe(
      ErrorCode.INVALID_SIGNATURE,
    );
    expect(codeOf(() => sut.verify(fileId, 'thumbnail-160', String(Number(expires) + 1), signature, now))).toBe(
      ErrorCode.INVALID_SIGNATURE,
    );
  });

  it('rejects a URL signed with another key', () => {
    const other = new DownloadLinkSigner(Buffer.alloc(32, 8), 300);
    const { expires, signature } = queryOf(other.sign(fileId, 'original', now).url);

    expect(codeOf(() => sut.verify(fileId, 'original', expires, signature, now))).toBe(ErrorCode.INVALID_SIGNATURE);
  });

  it.each([
    ['a missing signature', '1800000300', undefined],
    ['a missing expiry', undefined, 'abc'],
    ['an expiry that is not a number', '18e8', 'abc'],
  ])('rejects %s', (_case, expires, signature) => {
    expect(codeOf(() => sut.verify(fileId, 'original', expires, signature, now))).toBe(ErrorCode.INVALID_SIGNATURE);
  });
});
