import { MAX_FILE_NAME_LENGTH, sanitizeFileName } from './file-name';

describe('sanitizeFileName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\windows\\system.ini', 'system.ini'],
    ['/absolute/path/photo.png', 'photo.png'],
    ['..hidden', 'hidden'],
    ['report\u202Efdp.exe', 'reportfdp.exe'],
    ['tab\tand\nnew line.txt', 'tab and new line.txt'],
    ['   spaced   out  .pdf ', 'spaced out .pdf'],
    ['caf\u0065\u0301.txt', 'café.txt'],
    ['../', ''],
    ['', ''],
  ])('turns %j into %j', (raw, expected) => {
    expect(sanitizeFileName(raw)).toBe(expected);
  });

  it('shortens a long name and keeps its extension', () => {
    const sut = sanitizeFileName(`${'a'.repeat(500)}.jpeg`);

    expect(sut).toHaveLength(MAX_FILE_NAME_LENGTH);
    expect(sut.endsWith('.jpeg')).toBe(true);
  });

  it('does not cut a surrogate pair in half', () => {
    const sut = sanitizeFileName('😀'.repeat(150));

    expect(sut.length).toBeLessThanOrEqual(MAX_FILE_NAME_LENGTH);
    expect(/[\uD800-\uDBFF]$/.test(sut)).toBe(false);
  });
});
