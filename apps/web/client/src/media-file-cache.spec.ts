import type { MediaFile } from '@messenger/sdk';
import { MediaFileCache } from './media-file-cache';

const NOW = 1_800_000_000_000;

function readyFile(fileId: string, urlExpiresAt: number): MediaFile {
  const url = `/v1/media/download/${fileId}/original`;

  return { fileId, status: 'ready', size: 10, createdAt: NOW, url, urlExpiresAt };
}

function setup() {
  let now = NOW;
  const file = jest.fn(async (fileId: string) => readyFile(fileId, now + 300_000));
  const sut = new MediaFileCache({ file }, () => now);

  return { sut, file, advance: (ms: number) => (now += ms) };
}

describe('MediaFileCache', () => {
  it('shares one request between concurrent loads', async () => {
    const { sut, file } = setup();

    const [first, second] = await Promise.all([sut.load('f1'), sut.load('f1')]);

    expect(file).toHaveBeenCalledTimes(1);
    expect(second).toBe(first);
  });

  it('serves a fresh entry from memory', async () => {
    const { sut, file, advance } = setup();
    await sut.load('f1');

    advance(200_000);
    await sut.load('f1');

    expect(file).toHaveBeenCalledTimes(1);
    expect(sut.peek('f1')?.fileId).toBe('f1');
  });

  it('fetches again a minute before the URLs expire', async () => {
    const { sut, file, advance } = setup();
    const first = await sut.load('f1');

    expect(first.staleAt).toBe(NOW + 240_000);
    advance(240_000);
    await sut.load('f1');

    expect(file).toHaveBeenCalledTimes(2);
  });

  it('keeps an entry fresh for 30 s when the URLs look expired already', async () => {
    const file = jest.fn(async (fileId: string) => readyFile(fileId, NOW - 1_000));
    const sut = new MediaFileCache({ file }, () => NOW);

    const entry = await sut.load('f1');

    expect(entry.staleAt).toBe(NOW + 30_000);
  });

  it('keeps a rejected file for good', async () => {
    const rejected = (fileId: string): MediaFile => ({ fileId, status: 'rejected', size: 0, createdAt: NOW });
    const file = jest.fn(async (fileId: string) => rejected(fileId));
    const sut = new MediaFileCache({ file }, () => NOW);

    const entry = await sut.load('f1');

    expect(entry.staleAt).toBe(Number.POSITIVE_INFINITY);
  });

  it('does not cache a failed request', async () => {
    const file = jest
      .fn()
      .mockRejectedValueOnce(new Error('offline'))
      .mockResolvedValue(readyFile('f1', NOW + 300_000));
    const sut = new MediaFileCache({ file }, () => NOW);

    await expect(sut.load('f1')).rejects.toThrow('offline');
    await expect(sut.load('f1')).resolves.toMatchObject({ file: { fileId: 'f1' } });
  });

  it('drops the least recently fetched file beyond 200 entries', async () => {
    const { sut } = setup();
    for (let index = 0; index <= 200; index += 1) {
      await sut.load(`f${index}`);
    }

    expect(sut.peek('f0')).toBeUndefined();
    expect(sut.peek('f1')).toBeDefined();
    expect(sut.peek('f200')).toBeDefined();
  });
});
