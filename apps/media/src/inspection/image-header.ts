import { imageSize } from 'image-size';
import { AppError, ErrorCode } from '@messenger/protocol';
import type { RasterImageType } from './content-type';

export interface ImageDimensions {
  /** As displayed, after the EXIF orientation of a JPEG is applied. */
  width: number;
  height: number;
}

const FORMAT_BY_TYPE: Record<RasterImageType, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

/**
 * Reads an image's dimensions from its header without decoding any pixels,
 * and rejects an image with more than maxPixels pixels. head must hold the
 * start of the file, up to HEAD_BYTES: a JPEG whose size marker lies beyond
 * it is rejected as INVALID_IMAGE.
 */
export function checkImageHeader(head: Buffer, type: RasterImageType, maxPixels: number): ImageDimensions {
  let size: ReturnType<typeof imageSize>;
  try {
    size = imageSize(head);
  } catch (error) {
    throw new AppError(ErrorCode.INVALID_IMAGE, `cannot read the ${type} header: ${(error as Error).message}`);
  }
  if (size.type !== FORMAT_BY_TYPE[type]) {
    throw new AppError(ErrorCode.INVALID_IMAGE, `the header is ${size.type ?? 'unknown'}, not ${type}`);
  }
  const { width, height } = size;
  if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height) || width < 1 || height < 1) {
    throw new AppError(ErrorCode.INVALID_IMAGE, `the ${type} header declares invalid dimensions ${width}x${height}`);
  }
  if (width * height > maxPixels) {
    throw new AppError(
      ErrorCode.IMAGE_TOO_LARGE,
      `image is ${width}x${height} (${width * height} pixels); the limit is ${maxPixels} pixels`,
    );
  }
  // EXIF orientations 5-8 rotate by 90 degrees, which swaps the displayed sides.
  const rotated = size.orientation !== undefined && size.orientation >= 5;

  return rotated ? { width: height, height: width } : { width, height };
}
