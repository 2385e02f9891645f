/**
 * The media service's upload and download API against a real S3 server
 * (versitygw from deploy/local/up.sh), Cassandra and the other services:
 * resumable tus uploads, the size limit, type detection from the bytes,
 * image header checks, file names, deduplication and download headers.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import sharp from 'sharp';
import { TestAccount, createAccount } from './support/accounts';
import { MediaApi, listBucketKeys, peakMemoryBytes, pngWithHeader, sha256 } from './support/media';
import { E2E_MAX_UPLOAD_BYTES, useTestSystem } from './support/system';

const system = useTestSystem();

interface FileView {
  fileId: string;
  status: string;
  rejectCode?: string;
  name?: string;
  size: number;
  type?: string;
  width?: number;
  height?: number;
  url?: string;
  thumbnails: { variant: string; width: number; height: number; url: string }[];
}

let alice: TestAccount;
let aliceMedia: MediaApi;

beforeAll(async () => {
  alice = await createAccount(system.http('gateway-a'), 'alice');
  aliceMedia = new MediaApi(system.baseUrl('media'), alice.tokens.accessToken);
});

async function viewOf(api: MediaApi, fileId: string): Promise<FileView> {
  const response = await api.file(fileId);
  expect(response.status).toBe(200);

  return (await response.json()) as FileView;
}

async function bodyOf(response: Response): Promise<Buffer> {
  return Buffer.from(await response.arrayBuffer());
}

function pdfOf(size: number): Buffer {
  return Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)]);
}

describe('resumable upload', () => {
  it('completes after an interrupted PATCH', async () => {
    const content = pdfOf(12 * 1024 * 1024);
    const created = await aliceMedia.create(content.length, { filename: 'big report.pdf' });
    expect(created.status).toBe(201);
    const uploadUrl = created.headers.get('location')!;
    expect(uploadUrl).toMatch(/^\/v1\/media\/uploads\/[0-9a-f-]{36}$/);

    await aliceMedia.interruptedPatch(uploadUrl, 0, content, 10 * 1024 * 1024);
    const head = await aliceMedia.head(uploadUrl);
    expect(head.status).toBe(200);
    const offset = Number(head.headers.get('upload-offset'));
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThan(content.length);

    const final = await aliceMedia.patch(uploadUrl, offset, content.subarray(offset));
    expect(final.status).toBe(204);

    const fileId = uploadUrl.split('/').pop()!;
    const view = await viewOf(aliceMedia, fileId);
    expect(view).toMatchObject({ status: 'ready', type: 'application/pdf', size: content.length, name: 'big report.pdf' });
    const download = await aliceMedia.download(view.url!);
    expect(download.status).toBe(200);
    expect(sha256(await bodyOf(download))).toBe(sha256(content));
  });

  it('reports a finished upload as complete to a client that resumes', async () => {
    const content = pdfOf(1000);
    const { uploadUrl, final } = await aliceMedia.upload(content);
    expect(final.status).toBe(204);

    const head = await aliceMedia.head(uploadUrl);

    expect(head.status).toBe(200);
    expect(head.headers.get('upload-offset')).toBe(String(content.length));
  });

  it('refuses a PATCH from another user', async () => {
    const mallory = await createAccount(system.http('gateway-a'), 'mallory');
    const created = await aliceMedia.create(100);
    const uploadUrl = created.headers.get('location')!;

    const response = await new MediaApi(system.baseUrl('media'), mallory.tokens.accessToken).patch(uploadUrl, 0, pdfOf(100));

    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'PERMISSION_DENIED' });
  });

  it('requires an access token', async () => {
    const response = await new MediaApi(system.baseUrl('media'), 'not-a-token').create(100);

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('size limit', () => {
  it('rejects a declared length over the limit with 413', async () => {
    const response = await aliceMedia.create(E2E_MAX_UPLOAD_BYTES + 1);

    expect(response.status).toBe(413);
    expect(response.headers.get('content-type')).toContain('application/json');
    const body = (await response.json()) as { code: string; message: string };
    expect(body.code).toBe('FILE_TOO_LARGE');
    expect(body.message).toContain(String(E2E_MAX_UPLOAD_BYTES));
  });

  it('accepts a file of exactly the limit', async () => {
    const response = await aliceMedia.create(E2E_MAX_UPLOAD_BYTES);

    expect(response.status).toBe(201);
  });

  it('rejects more bytes than the declared length', async () => {
    const created = await aliceMedia.create(100);
    const response = await aliceMedia.patch(created.headers.get('location')!, 0, pdfOf(200));

    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });
});

describe('type detection', () => {
  it('takes the type from the bytes, not from the name or headers', async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3366cc' } }).png().toBuffer();
    const { fileId, final } = await aliceMedia.upload(
      png,
      { filename: 'quarterly.pdf', filetype: 'application/pdf' },
      { 'content-type': 'application/offset+octet-stream' },
    );
    expect(final.status).toBe(204);

    const view = await viewOf(aliceMedia, fileId);

    expect(view).toMatchObject({ status: 'ready', type: 'image/png', width: 40, height: 30, name: 'quarterly.pdf' });
  });

  it('rejects a program named like a photo with 415', async () => {
    const program = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), randomBytes(4000)]);
    const { fileId, final } = await aliceMedia.upload(program, { filename: 'cat.jpg', filetype: 'image/jpeg' });

    expect(final.status).toBe(415);
    expect(await final.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(await viewOf(aliceMedia, fileId)).toMatchObject({ status: 'rejected', rejectCode: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('rejects an SVG with a script by the allowlist', async () => {
    const svg = Buffer.from(
      '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>',
    );
    const { final } = await aliceMedia.upload(svg, { filename: 'logo.png', filetype: 'image/png' });

    expect(final.status).toBe(415);
    expect(await final.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.stringContaining('image/svg+xml') });
  });

  it('serves text with markup inside as a plain-text attachment', async () => {
    const text = Buffer.from('notes\n<script>alert(1)</script>\n');
    const { fileId, final } = await aliceMedia.upload(text, { filename: 'notes.html' });
    expect(final.status).toBe(204);
    const view = await viewOf(aliceMedia, fileId);
    expect(view.type).toBe('text/plain');

    const download = await aliceMedia.download(view.url!);

    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-security-policy')).toContain('sandbox');
  });

  it('rejects a file that starts as text and turns binary', async () => {
    const content = Buffer.concat([Buffer.from('hello '.repeat(300_000)), Buffer.from([0, 1, 2, 3])]);
    const { final } = await aliceMedia.upload(content, { filename: 'readme.txt' });

    expect(final.status).toBe(415);
  });
});

describe('image checks', () => {
  it('rejects a tiny PNG that claims 100000x100000 pixels without decoding it', async () => {
    const bomb = pngWithHeader(100_000, 100_000);
    expect(bomb.length).toBeLessThan(200);
    const pid = system.pid('media');
    const peakBefore = peakMemoryBytes(pid);

    const { fileId, final } = await aliceMedia.upload(bomb, { filename: 'bomb.png' });

    expect(final.status).toBe(422);
    expect(await final.json()).toMatchObject({ code: 'IMAGE_TOO_LARGE', message: expect.stringContaining('100000x100000') });
    // Decoding 10^10 RGB pixels would need 30 GB; the header check must keep the peak where it was.
    expect(peakMemoryBytes(pid) - peakBefore).toBeLessThan(64 * 1024 * 1024);
    expect(await viewOf(aliceMedia, fileId)).toMatchObject({ status: 'rejected', rejectCode: 'IMAGE_TOO_LARGE' });
  });

  it('rejects an image whose data is broken with 422', async () => {
    const broken = pngWithHeader(64, 64);
    const { final } = await aliceMedia.upload(broken, { filename: 'broken.png' });

    expect(final.status).toBe(422);
    expect(await final.json()).toMatchObject({ code: 'INVALID_IMAGE' });
  });

  it('stores WebP thumbnails that fit the variant sizes', async () => {
    const jpeg = await sharp({ create: { width: 1000, height: 500, channels: 3, background: '#cc3333' } }).jpeg().toBuffer();
    const { fileId } = await aliceMedia.upload(jpeg, { filename: 'wide.jpg' });
    const view = await viewOf(aliceMedia, fileId);

    expect(view.thumbnails.map(({ variant, width, height }) => ({ variant, width, height }))).toEqual([
      { variant: 'thumbnail-160', width: 160, height: 80 },
      { variant: 'thumbnail-480', width: 480, height: 240 },
      { variant: 'thumbnail-1280', width: 1000, height: 500 },
    ]);
    const thumbnail = await aliceMedia.download(view.thumbnails[0].url);
    expect(thumbnail.headers.get('content-type')).toBe('image/webp');
    expect(thumbnail.headers.get('content-disposition')).toMatch(/^inline;/);
    const metadata = await sharp(await bodyOf(thumbnail)).metadata();
    expect({ format: metadata.format, width: metadata.width }).toEqual({ format: 'webp', width: 160 });
  });
});

describe('file names', () => {
  it('keeps a path-traversal name as display text only', async () => {
    const content = Buffer.from(`traversal ${randomBytes(8).toString('hex')}\n`);
    const { fileId, final } = await aliceMedia.upload(content, { filename: '../../../../etc/cron.d/evil\u202Egpj.sh' });
    expect(final.status).toBe(204);

    const view = await viewOf(aliceMedia, fileId);

    expect(view.name).toBe('evilgpj.sh');
    const keys = await listBucketKeys();
    expect(keys.filter((key) => key.includes('..') || key.includes('etc/') || key.includes('evil'))).toEqual([]);
    expect(keys).toContain(`blobs/${sha256(content).slice(0, 2)}/${sha256(content)}`);
  });
});

describe('deduplication', () => {
  it('stores identical content once', async () => {
    const bob = await createAccount(system.http('gateway-a'), 'bob');
    const bobMedia = new MediaApi(system.baseUrl('media'), bob.tokens.accessToken);
    const content = await sharp({
      create: { width: 300, height: 200, channels: 3, background: `#${randomBytes(3).toString('hex')}` },
    })
      .png()
      .toBuffer();
    const digest = sha256(content);

    const first = await aliceMedia.upload(content, { filename: 'first.png' });
    const second = await bobMedia.upload(content, { filename: 'second.png' });
    expect(first.final.status).toBe(204);
    expect(second.final.status).toBe(204);

    expect(await listBucketKeys(`blobs/${digest.slice(0, 2)}/${digest}`)).toEqual([`blobs/${digest.slice(0, 2)}/${digest}`]);
    expect(await listBucketKeys(`uploads/${first.fileId}`)).toEqual([]);
    expect(await listBucketKeys(`uploads/${second.fileId}`)).toEqual([]);
    const secondView = await viewOf(bobMedia, second.fileId);
    expect(secondView).toMatchObject({ status: 'ready', name: 'second.png', width: 300, height: 200 });
    expect(secondView.thumbnails).toHaveLength(2);
    expect(sha256(await bodyOf(await bobMedia.download(secondView.url!)))).toBe(digest);
  });
});

describe('downloads', () => {
  it('serves one byte range', async () => {
    const content = pdfOf(5000);
    const { fileId } = await aliceMedia.upload(content);
    const view = await viewOf(aliceMedia, fileId);

    const response = await aliceMedia.download(view.url!, { range: 'bytes=100-199' });

    expect(response.status).toBe(206);
    expect(response.headers.get('content-range')).toBe('bytes 100-199/5000');
    expect((await bodyOf(response)).equals(content.subarray(100, 200))).toBe(true);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment;/);
  });

  it('rejects a URL whose signature was changed', async () => {
    const { fileId } = await aliceMedia.upload(pdfOf(100));
    const view = await viewOf(aliceMedia, fileId);
    const tampered = view.url!.replace(/expires=(\d+)/, (_match, expires: string) => `expires=${Number(expires) + 3600}`);

    const response = await aliceMedia.download(tampered);

    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'INVALID_SIGNATURE' });
  });

  it('forbids a user the file was not shared with', async () => {
    const carol = await createAccount(system.http('gateway-a'), 'carol');
    const { fileId } = await aliceMedia.upload(pdfOf(100));

    const response = await new MediaApi(system.baseUrl('media'), carol.tokens.accessToken).file(fileId);

    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 'NOT_A_MEMBER' });
  });
});

describe('slow uploads', () => {
  /** Opens a PATCH that sends one byte and then stalls, holding a part permit of the S3 store. */
  async function stalledPatch(api: MediaApi, accessToken: string): Promise<http.ClientRequest> {
    const created = await api.create(1024);
    const location = created.headers.get('location')!;
    const request = http.request(new URL(location, system.baseUrl('media')), {
      method: 'PATCH',
      headers: {
        authorization: `Bearer ${accessToken}`,
        'tus-resumable': '1.0.0',
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
        'content-length': '1024',
      },
    });
    request.on('error', () => undefined);
    request.write(Buffer.alloc(1));

    return request;
  }

  it('caps the stalled bodies of one user and keeps serving others', async () => {
    const stalled = await Promise.all(Array.from({ length: 4 }, () => stalledPatch(aliceMedia, alice.tokens.accessToken)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    try {
      const created = await aliceMedia.create(1024);
      const fifth = await aliceMedia.patch(created.headers.get('location')!, 0, randomBytes(1024));
      expect(fifth.status).toBe(429);
      expect(((await fifth.json()) as { code: string }).code).toBe('RATE_LIMITED');

      const bob = await createAccount(system.http('gateway-a'), 'bob');
      const bobMedia = new MediaApi(system.baseUrl('media'), bob.tokens.accessToken);
      const finished = await bobMedia.upload(Buffer.from('bob is not held up by alice\n'));
      expect(finished.final.status).toBe(204);
    } finally {
      for (const request of stalled) request.destroy();
    }
  });
});
