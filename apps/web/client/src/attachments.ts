import type { AttachmentRef } from './timeline';

/** Types that the media service makes thumbnails of and serves inline (docs/protocol.md, "Media HTTP API"). */
const RASTER_IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/** Short names for the other types that the media service accepts. */
const TYPE_LABELS: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/zip': 'ZIP',
  'text/plain': 'Text',
  'video/mp4': 'MP4 video',
};

const SIZE_UNITS = ['KB', 'MB', 'GB'];

/** Largest width and height of an image in a message, in CSS pixels. */
export const MAX_IMAGE_EDGE_PX = 320;

export interface Size {
  width: number;
  height: number;
}

export function isRasterImage(type: string | undefined): boolean {
  return type !== undefined && RASTER_IMAGE_TYPES.has(type);
}

/** Formats a byte count with binary units, e.g. "820 B", "4.2 KB", "12 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) {
    return `${bytes} B`;
  }

  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < SIZE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }

  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${SIZE_UNITS[unit]}`;
}

export function typeLabel(type: string | undefined): string {
  return type === undefined ? 'File' : (TYPE_LABELS[type] ?? type);
}

/**
 * Describes a message's files for the conversation list, e.g. "Photo" or
 * "File: report.pdf". Files of unknown type, or an empty list for an own
 * message whose files this page did not send, give "Attachment".
 */
export function describeAttachments(attachments: readonly AttachmentRef[]): string {
  if (attachments.length === 0) {
    return 'Attachment';
  }
  if (attachments.every((attachment) => isRasterImage(attachment.type))) {
    return attachments.length === 1 ? 'Photo' : `${attachments.length} photos`;
  }
  if (attachments.length > 1) {
    return `${attachments.length} files`;
  }

  const [file] = attachments;
  if (file.type === undefined) {
    return 'Attachment';
  }

  return `File: ${file.name ?? typeLabel(file.type)}`;
}

/**
 * Returns the size at which an image shows in a message: fitted inside
 * MAX_IMAGE_EDGE_PX square and never enlarged. Thumbnails are turned
 * upright by the EXIF orientation, but width and height are read from the
 * header, so the shape comes from the largest thumbnail where there is one.
 * Undefined while neither is known.
 */
export function displaySize(image: Pick<AttachmentRef, 'width' | 'height' | 'thumbnails'>): Size | undefined {
  const largest = image.thumbnails?.reduce<Size | undefined>(
    (best, thumbnail) => (best === undefined || thumbnail.width > best.width ? thumbnail : best),
    undefined,
  );
  const original = image.width && image.height ? { width: image.width, height: image.height } : undefined;
  const shape = largest ?? original;
  if (shape === undefined) {
    return undefined;
  }

  const natural = original ?? shape;
  const edge = Math.min(Math.max(natural.width, natural.height), MAX_IMAGE_EDGE_PX);
  const ratio = shape.width / shape.height;
  if (ratio >= 1) {
    return { width: edge, height: Math.max(1, Math.round(edge / ratio)) };
  }

  return { width: Math.max(1, Math.round(edge * ratio)), height: edge };
}

/**
 * Picks the smallest thumbnail that covers the display size at the screen's
 * pixel ratio, else the largest one. The largest is a copy at the image's
 * own size whenever the image is at most 1280 pixels long (the media
 * service's largest thumbnail edge), so the original would not look sharper.
 * Undefined only for an empty list.
 */
export function chooseThumbnail<T extends Size>(
  thumbnails: readonly T[],
  size: Size,
  pixelRatio: number,
): T | undefined {
  // One pixel of slack absorbs the rounding of displaySize.
  const minWidth = size.width * pixelRatio - 1;
  const minHeight = size.height * pixelRatio - 1;
  const bySize = [...thumbnails].sort((first, second) => first.width * first.height - second.width * second.height);

  return bySize.find((thumbnail) => thumbnail.width >= minWidth && thumbnail.height >= minHeight) ?? bySize.at(-1);
}
