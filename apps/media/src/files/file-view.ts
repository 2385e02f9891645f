import type { FileRecord } from './media-files.repository';
import { DownloadLinkSigner } from './download-links';

export const ORIGINAL_VARIANT = 'original';

export interface ThumbnailView {
  variant: string;
  width: number;
  height: number;
  /** Signed download URL, relative to the API's origin. */
  url: string;
}

/** The JSON body of GET /v1/media/files/{fileId}; docs/protocol.md documents each field. */
export interface FileView {
  fileId: string;
  status: FileRecord['status'];
  /** Present on rejected files. */
  rejectCode?: string;
  name?: string;
  size: number;
  type?: string;
  width?: number;
  height?: number;
  createdAt: number;
  /** Signed download URL of the original; ready files only. */
  url?: string;
  /** When url and the thumbnail URLs stop working (Unix ms). */
  urlExpiresAt?: number;
  thumbnails: ThumbnailView[];
}

export function toFileView(file: FileRecord, signer: DownloadLinkSigner, now = Date.now()): FileView {
  const view: FileView = {
    fileId: file.fileId,
    status: file.status,
    rejectCode: file.rejectCode,
    name: file.name || undefined,
    size: file.byteSize,
    type: file.contentType,
    width: file.width,
    height: file.height,
    createdAt: file.createdAt,
    thumbnails: [],
  };
  if (file.status !== 'ready') return view;

  const original = signer.sign(file.fileId, ORIGINAL_VARIANT, now);
  view.url = original.url;
  view.urlExpiresAt = original.expiresAt;
  view.thumbnails = file.thumbnails.map((thumbnail) => ({
    variant: thumbnail.variant,
    width: thumbnail.width,
    height: thumbnail.height,
    url: signer.sign(file.fileId, thumbnail.variant, now).url,
  }));

  return view;
}
