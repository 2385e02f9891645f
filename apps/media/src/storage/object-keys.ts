/**
 * Object keys in the media bucket. Every key is built from server-made
 * values only (a UUID or a SHA-256 hex digest), never from a client's file
 * name or headers.
 */
const SHA256_HEX = /^[0-9a-f]{64}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Prefix of unfinished tus uploads; the S3 store adds ".info" and ".part" objects beside each. */
export const UPLOAD_PREFIX = 'uploads/';

/** Key of an upload's object, which is also the tus upload id. */
export function uploadKey(fileId: string): string {
  if (!UUID.test(fileId)) throw new Error(`upload key needs a lower-case UUID, got "${fileId.slice(0, 40)}"`);

  return `${UPLOAD_PREFIX}${fileId}`;
}

/** Key of the stored content with this SHA-256 digest. */
export function blobKey(sha256: string): string {
  requireDigest(sha256);

  return `blobs/${sha256.slice(0, 2)}/${sha256}`;
}

/** Key of a thumbnail variant of the content with this SHA-256 digest. */
export function thumbnailKey(sha256: string, variant: string): string {
  requireDigest(sha256);
  if (!/^thumbnail-\d{1,5}$/.test(variant)) throw new Error(`invalid thumbnail variant "${variant.slice(0, 40)}"`);

  return `thumbnails/${sha256.slice(0, 2)}/${sha256}/${variant}.webp`;
}

function requireDigest(sha256: string): void {
  if (!SHA256_HEX.test(sha256)) throw new Error('object key needs a SHA-256 digest of 64 lower-case hex digits');
}
