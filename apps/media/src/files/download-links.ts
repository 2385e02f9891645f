import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError, ErrorCode } from '@messenger/protocol';

/** Path prefix of signed download URLs. */
export const DOWNLOAD_PATH = '/v1/media/download';

export interface DownloadLink {
  /** Path and query, relative to the origin that served the request. */
  url: string;
  /** Unix time in milliseconds after which the URL is rejected. */
  expiresAt: number;
}

/**
 * Signs and checks download URLs of the form
 * /v1/media/download/{fileId}/{variant}?expires={unix seconds}&signature={sig},
 * where sig is the unpadded base64url HMAC-SHA256 of
 * "v1\n{fileId}\n{variant}\n{expires}" under the service's URL key. Anyone
 * holding such a URL can download until it expires, so URLs are only issued
 * to an authorised user and live for minutes.
 */
export class DownloadLinkSigner {
  constructor(
    private readonly key: Buffer,
    private readonly ttlSeconds: number,
  ) {}

  sign(fileId: string, variant: string, now = Date.now()): DownloadLink {
    const expires = Math.floor(now / 1000) + this.ttlSeconds;
    const signature = this.signature(fileId, variant, expires);
    const path = `${DOWNLOAD_PATH}/${encodeURIComponent(fileId)}/${encodeURIComponent(variant)}`;

    return { url: `${path}?expires=${expires}&signature=${signature}`, expiresAt: expires * 1000 };
  }

  /** Throws INVALID_SIGNATURE or LINK_EXPIRED unless the query parameters sign this file and variant. */
  verify(fileId: string, variant: string, expires: unknown, signature: unknown, now = Date.now()): void {
    if (typeof expires !== 'string' || !/^\d{1,12}$/.test(expires) || typeof signature !== 'string') {
      throw new AppError(ErrorCode.INVALID_SIGNATURE, 'download URL lacks a valid expires or signature parameter');
    }
    const expected = Buffer.from(this.signature(fileId, variant, Number(expires)));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new AppError(ErrorCode.INVALID_SIGNATURE, 'download URL signature does not match');
    }
    if (Number(expires) * 1000 <= now) {
      throw new AppError(ErrorCode.LINK_EXPIRED, 'download URL expired; request the file again for a new URL');
    }
  }

  private signature(fileId: string, variant: string, expires: number): string {
    return createHmac('sha256', this.key).update(`v1\n${fileId}\n${variant}\n${expires}`).digest('base64url');
  }
}
