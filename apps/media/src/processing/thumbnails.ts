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
 * Runs one image decode at a time in this process. A decode of an
 * interlaced or 16-bit image keeps the whole bitmap in memory, up to 8 bytes per
 * pixel (about 400 MB at the 50-megapixel limit), so concurrent decodes
 * would multiply that.
 */
let decodeQueue: Promise<unknown> = Promise.resolve();

function oneAtATime<T>(job: () => Promise<T>): Promise<T> {
  const run = decodeQueue.then(job, job);
  decodeQueue = run.catch(() => undefined);

  return run;
}

/**
 * Decodes an image once, scales it to the largest edge, and encodes a WebP
 * thumbnail for each edge from that scaled copy. Each is fitted inside
 * edge × edge without enlarging and turned upright by its EXIF
 * orientation. Metadata such as EXIF location is not copied. maxPixels
 * bounds the decoder (sharp's limitInputPixels) in case the header check
 * before it missed something. Only the first frame of an animation is used.
 */
export function createThumbnails(input: Readable, width: number, height: number, maxPixels: number): Promise<Thumbnail[]> {
  return oneAtATime(() => decodeAndEncode(input, width, height, maxPixels));
}

async function decodeAndEncode(input: Readable, width: number, height: number, maxPixels: number): Promise<Thumbnail[]> {
  const edges = thumbnailEdges(width, height);
  const largest = edges[edges.length - 1];
  const decoder = sharp({ limitInputPixels: maxPixels, failOn: 'error', sequentialRead: true, animated: false })
    .rotate()
    .resize({ width: largest, height: largest, fit: 'inside', withoutEnlargement: true })
    .raw();
  let readError: Error | undefined;
  input.on('error', (error) => {
    readError = error;
    decoder.destroy(error);
  });
  input.pipe(decoder);
  try {
    const scaled = await decoder.toBuffer({ resolveWithObject: true });
    const raw = { width: scaled.info.width, height: scaled.info.height, channels: scaled.info.channels };

    return await Promise.all(
      edges.map(async (edge) => {
        const { data, info } = await sharp(scaled.data, { raw })
          .resize({ width: edge, height: edge, fit: 'inside', withoutEnlargement: true })
          .webp({ quality: 80 })
          .toBuffer({ resolveWithObject: true });

        return { variant: `thumbnail-${edge}`, width: info.width, height: info.height, data };
      }),
    );
  } catch (error) {
    input.destroy();
    // A failed read from storage is an outage, not a broken image.
    if (readError) throw readError;
    throw new AppError(ErrorCode.INVALID_IMAGE, `image cannot be decoded: ${(error as Error).message}`);
  }
}
