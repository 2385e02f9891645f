import { isRasterImage } from '../inspection/content-type';

const EXTENSION_BY_TYPE: Record<string, string> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'application/pdf': '.pdf',
  'application/zip': '.zip',
  'video/mp4': '.mp4',
  'text/plain': '.txt',
};

/**
 * Response headers of a download. Raster images are shown inline. Every
 * other type is an attachment, so no stored file renders as a page of the
 * API's origin. nosniff keeps browsers to the detected type, and the
 * sandbox CSP stops scripts even where a file is rendered.
 */
export function downloadHeaders(options: {
  contentType: string;
  fileId: string;
  name: string;
  maxAgeSeconds: number;
}): Record<string, string> {
  const inline = isRasterImage(options.contentType) || options.contentType === 'image/webp';
  const fallbackName = `${options.fileId}${EXTENSION_BY_TYPE[options.contentType] ?? ''}`;

  return {
    'Content-Type': options.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : options.contentType,
    'Content-Disposition': contentDisposition(inline ? 'inline' : 'attachment', options.name || fallbackName),
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': `private, max-age=${Math.max(0, options.maxAgeSeconds)}`,
    'Accept-Ranges': 'bytes',
  };
}

/** Builds a Content-Disposition value with an ASCII fallback name and the exact name in RFC 8187 encoding. */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);

  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
