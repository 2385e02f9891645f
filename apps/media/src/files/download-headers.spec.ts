import { contentDisposition, downloadHeaders } from './download-headers';

const fileId = '9a7c1f3e-5b2d-4c8e-8f11-2a3b4c5d6e7f';

describe('downloadHeaders', () => {
  it('shows raster images inline', () => {
    const sut = downloadHeaders({ contentType: 'image/png', fileId, name: 'cat.png', maxAgeSeconds: 60 });

    expect(sut['Content-Disposition']).toMatch(/^inline;/);
    expect(sut['X-Content-Type-Options']).toBe('nosniff');
    expect(sut['Content-Security-Policy']).toBe("default-src 'none'; sandbox");
  });

  it.each(['application/pdf', 'text/plain', 'application/zip', 'video/mp4'])('sends %s as an attachment', (contentType) => {
    const sut = downloadHeaders({ contentType, fileId, name: '', maxAgeSeconds: 60 });

    expect(sut['Content-Disposition']).toMatch(/^attachment; filename="9a7c1f3e-/);
    expect(sut['X-Content-Type-Options']).toBe('nosniff');
  });
});

describe('contentDisposition', () => {
  it('escapes quotes and keeps the exact name encoded', () => {
    expect(contentDisposition('attachment', 'a "b"; ç.txt')).toBe(
      `attachment; filename="a _b__ _.txt"; filename*=UTF-8''a%20%22b%22%3B%20%C3%A7.txt`,
    );
  });
});
