import type { Readable } from 'node:stream';
import sharp from 'sharp';
import { AppError, ErrorCode } from '@messenger/protocol';

/** Maximum side of each thumbnail variant, in pixels, smallest first. */
export const THUMBNAIL_EDGES = [160, 480, 1280] as const;

export interface Thumbnail {
  variant: string;
  width: number;
  height: number;
  data: Buffer;
}

/** Returns the edges worth making: the smallest always, a larger one only while the image exceeds the previous edge. */
export function thumbnailEdges(width: number, height: number): number[] {
  const longest = Math.max(width, height);

  return THUMBNAIL_EDGES.filter((edge, index) => index === 0 || longest > THUMBNAIL_EDGES[index - 1]);
}

/**
 * Decodes an image once and encodes a WebP thumbnail for each edge, fitted
 * inside edge × edge without enlarging and turned upright by its EXIF
 * orientation. Metadata such as EXIF location is not copied. maxPixels
 * bounds the decoder (sharp's limitInputPixels) in case the header check
 * before it missed something. Only the first frame of an animation is used.
 */
export async function createThumbnails(
  input: Readable,
  width: number,
  height: number,
  maxPixels: number,
): Promise<Thumbnail[]> {
  const decoder = sharp({ limitInputPixels: maxPixels, failOn: 'error', sequentialRead: true, animated: false }).rotate();
  const encodings = thumbnailEdges(width, height).map(async (edge) => {
    const { data, info } = await decoder
      .clone()
      .resize({ width: edge, height: edge, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer({ resolveWithObject: true });

    return { variant: `thumbnail-${edge}`, width: info.width, height: info.height, data };
  });
  let readError: Error | undefined;
  input.on('error', (error) => {
    readError = error;
    decoder.destroy(error);
  });
  input.pipe(decoder);
  try {
    return await Promise.all(encodings);
  } catch (error) {
    input.destroy();
    // A failed read from storage is an outage, not a broken image.
    if (readError) throw readError;
    throw new AppError(ErrorCode.INVALID_IMAGE, `image cannot be decoded: ${(error as Error).message}`);
  }
}
