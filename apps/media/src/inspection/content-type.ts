/**
 * Detects a file's type from its first bytes (magic numbers). The client's
 * file name and Content-Type never take part. Only the types in
 * ALLOWED_TYPES are stored; markup such as SVG or HTML is recognised so that
 * it can be rejected by name.
 */
export const RASTER_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type RasterImageType = (typeof RASTER_IMAGE_TYPES)[number];

export const ALLOWED_TYPES = [...RASTER_IMAGE_TYPES, 'application/pdf', 'application/zip', 'video/mp4', 'text/plain'] as const;
export type AllowedType = (typeof ALLOWED_TYPES)[number];

/** Bytes of the file's start that detection and the image header check read. */
export const HEAD_BYTES = 1024 * 1024;

/** MP4 major brands (ISO/IEC 14496-12 "ftyp" box) that are accepted as video/mp4. */
const MP4_BRANDS = new Set(['isom', 'iso2', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'M4V ', 'dash', 'MSNV']);

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export function isAllowedType(type: string): type is AllowedType {
  return (ALLOWED_TYPES as readonly string[]).includes(type);
}

export function isRasterImage(type: string): type is RasterImageType {
  return (RASTER_IMAGE_TYPES as readonly string[]).includes(type);
}

/**
 * Returns the media type that the bytes start with: one of ALLOWED_TYPES,
 * "image/svg+xml", "text/html" or "application/xml" for markup, or undefined
 * when no known signature matches. "text/plain" only means that the head is
 * UTF-8 text; the caller must still check the whole file (Utf8TextCheck).
 */
export function detectContentType(head: Buffer): string | undefined {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return 'image/webp';
  if (ascii(head, 0, 5) === '%PDF-') return 'application/pdf';
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) return 'application/zip';
  if (ascii(head, 4, 8) === 'ftyp' && MP4_BRANDS.has(ascii(head, 8, 12))) return 'video/mp4';

  return detectText(head);
}

function detectText(head: Buffer): string | undefined {
  if (head.length === 0 || !isUtf8Text(head, true)) return undefined;
  const text = head.subarray(startsWith(head, [...UTF8_BOM]) ? UTF8_BOM.length : 0, 4096).toString('utf8');
  const start = text.trimStart().slice(0, 256).toLowerCase();
  if (start.startsWith('<svg') || /^<\?xml[^>]*>\s*(<!--[\s\S]*?-->\s*)*(<!doctype svg|<svg)/.test(start)) {
    return 'image/svg+xml';
  }
  if (/^<(!doctype html|html|head|body|script|iframe|meta|div|a\s)/.test(start)) return 'text/html';
  if (start.startsWith('<?xml')) return 'application/xml';
  // Any other text that opens with a tag is treated as markup as well: browsers sniff such files as HTML.
  if (/^<[a-z!?]/.test(start)) return 'text/html';

  return 'text/plain';
}

/**
 * Returns true for UTF-8 text without NUL or other C0 control bytes apart
 * from tab, line feed, form feed, carriage return and escape. With
 * truncated, a multi-byte character cut off at the end still counts as text.
 */
export function isUtf8Text(bytes: Buffer, truncated = false): boolean {
  for (const byte of bytes) {
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d && byte !== 0x1b) return false;
    if (byte === 0x7f) return false;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: truncated });

    return true;
  } catch {
    return false;
  }
}

/** Checks a file chunk by chunk for isUtf8Text, for files too large to hold in memory. */
export class Utf8TextCheck {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private valid = true;

  update(chunk: Buffer): void {
    if (!this.valid) return;
    for (const byte of chunk) {
      if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d && byte !== 0x1b) {
        this.valid = false;

        return;
      }
    }
    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      this.valid = false;
    }
  }

  /** Returns whether every chunk was text and the last character is complete. */
  finish(): boolean {
    if (!this.valid) return false;
    try {
      this.decoder.decode();

      return true;
    } catch {
      return false;
    }
  }
}

function startsWith(bytes: Buffer, signature: number[]): boolean {
  return bytes.length >= signature.length && signature.every((byte, index) => bytes[index] === byte);
}

function ascii(bytes: Buffer, start: number, end: number): string {
  return bytes.length >= end ? bytes.toString('latin1', start, end) : '';
}
