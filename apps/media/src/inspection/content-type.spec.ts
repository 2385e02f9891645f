import { Utf8TextCheck, detectContentType, isAllowedType } from './content-type';

const bytes = (...values: number[]) => Buffer.from(values);
const text = (value: string) => Buffer.from(value, 'utf8');

describe('detectContentType', () => {
  it.each([
    ['PNG', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13), 'image/png'],
    ['JPEG', bytes(0xff, 0xd8, 0xff, 0xe0, 0, 16), 'image/jpeg'],
    ['GIF89a', text('GIF89a\x01\x00'), 'image/gif'],
    ['WebP', Buffer.concat([text('RIFF'), bytes(0, 0, 0, 0), text('WEBPVP8 ')]), 'image/webp'],
    ['PDF', text('%PDF-1.7\n'), 'application/pdf'],
    ['ZIP', bytes(0x50, 0x4b, 0x03, 0x04, 20, 0), 'application/zip'],
    ['MP4', Buffer.concat([bytes(0, 0, 0, 24), text('ftypisom'), bytes(0, 0, 2, 0)]), 'video/mp4'],
    ['UTF-8 text', text('hello, wörld\n'), 'text/plain'],
    ['SVG', text('<svg xmlns="http://www.w3.org/2000/svg"></svg>'), 'image/svg+xml'],
    ['SVG behind an XML declaration', text('<?xml version="1.0"?>\n<!-- logo -->\n<svg></svg>'), 'image/svg+xml'],
    ['HTML', text('  <!DOCTYPE html><html></html>'), 'text/html'],
    ['a tag after a byte order mark', Buffer.concat([bytes(0xef, 0xbb, 0xbf), text('<script>alert(1)</script>')]), 'text/html'],
    ['other XML', text('<?xml version="1.0"?><note/>'), 'application/xml'],
  ])('recognises %s', (_name, head, expected) => {
    expect(detectContentType(head)).toBe(expected);
  });

  it.each([
    ['a Windows program', Buffer.concat([text('MZ'), Buffer.alloc(60)])],
    ['bytes with NUL', bytes(0x41, 0x00, 0x42)],
    ['invalid UTF-8', bytes(0x41, 0xc3, 0x28)],
    ['QuickTime', Buffer.concat([bytes(0, 0, 0, 20), text('ftypqt  ')])],
    ['nothing', Buffer.alloc(0)],
  ])('returns undefined for %s', (_name, head) => {
    expect(detectContentType(head)).toBeUndefined();
  });

  it('keeps markup off the allowlist', () => {
    expect(isAllowedType('image/svg+xml')).toBe(false);
    expect(isAllowedType('text/html')).toBe(false);
    expect(isAllowedType('image/png')).toBe(true);
  });

  it('accepts text whose head ends inside a multi-byte character', () => {
    const head = text('ab€').subarray(0, 4);

    expect(detectContentType(head)).toBe('text/plain');
  });
});

describe('Utf8TextCheck', () => {
  it('accepts a character split across chunks', () => {
    const sut = new Utf8TextCheck();
    const euro = text('€');

    sut.update(euro.subarray(0, 1));
    sut.update(euro.subarray(1));

    expect(sut.finish()).toBe(true);
  });

  it('rejects a NUL byte in a later chunk', () => {
    const sut = new Utf8TextCheck();

    sut.update(text('plain text'));
    sut.update(bytes(0x00));

    expect(sut.finish()).toBe(false);
  });

  it('rejects a truncated character at the end', () => {
    const sut = new Utf8TextCheck();

    sut.update(text('€').subarray(0, 2));

    expect(sut.finish()).toBe(false);
  });
});
