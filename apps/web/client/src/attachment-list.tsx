import type { MediaFile } from '@messenger/sdk';
import { chooseThumbnail, displaySize, formatBytes, isRasterImage, typeLabel } from './attachments';
import { describeError } from './errors';
import type { MediaFileCache } from './media-file-cache';
import type { AttachmentRef } from './timeline';
import { useMediaFile } from './use-media-file';

interface AttachmentListProps {
  attachments: readonly AttachmentRef[];
  media: MediaFileCache;
}

/** Shows a message's files: images inline, other files as download links. */
export function AttachmentList({ attachments, media }: AttachmentListProps) {
  return (
    <div class="attachments">
      {attachments.map((attachment) => (
        <Attachment key={attachment.fileId} attachment={attachment} media={media} />
      ))}
    </div>
  );
}

interface AttachmentProps {
  attachment: AttachmentRef;
  media: MediaFileCache;
}

function Attachment({ attachment, media }: AttachmentProps) {
  const { file, error } = useMediaFile(media, attachment.fileId);
  // Attachments of own messages sent from this tab carry the file id only, so the rest comes from the fetched file.
  const type = attachment.type ?? file?.type;
  const name = attachment.name ?? file?.name;

  if (file?.status === 'rejected' || (file === undefined && error !== undefined)) {
    const reason = error !== undefined ? describeError(error).text : 'The server rejected it.';

    return (
      <p class="attachment-error" data-testid="attachment-error">
        {name ?? 'A file'} is unavailable. {reason}
      </p>
    );
  }
  if (type === undefined) {
    return <p class="attachment-loading">Loading the file…</p>;
  }
  if (isRasterImage(type)) {
    return <ImageAttachment attachment={attachment} file={file} alt={name ?? 'Photo'} />;
  }

  const size = attachment.size ?? file?.size ?? 0;

  return <FileChip url={file?.url} name={name ?? 'Unnamed file'} type={type} size={size} />;
}

interface ImageAttachmentProps {
  attachment: AttachmentRef;
  file: MediaFile | undefined;
  alt: string;
}

/** Shows a thumbnail, at a size known before it loads, that links to the original. */
function ImageAttachment({ attachment, file, alt }: ImageAttachmentProps) {
  const size = displaySize({
    width: attachment.width ?? file?.width,
    height: attachment.height ?? file?.height,
    thumbnails: attachment.thumbnails ?? file?.thumbnails,
  });
  const pixelRatio = window.devicePixelRatio || 1;
  const thumbnail = size && file?.thumbnails ? chooseThumbnail(file.thumbnails, size, pixelRatio) : undefined;
  const source = thumbnail?.url ?? file?.url;

  if (size === undefined) {
    return <p class="attachment-loading">Loading the image…</p>;
  }
  if (file?.url === undefined || source === undefined) {
    return (
      <span
        class="image-placeholder"
        role="img"
        aria-label={`${alt}, loading`}
        style={{ width: `${size.width}px`, aspectRatio: `${size.width} / ${size.height}` }}
      />
    );
  }

  return (
    <a class="attachment-image" href={file.url} target="_blank" rel="noopener noreferrer" title="Open the original">
      <img
        data-testid="attachment-image"
        src={source}
        alt={alt}
        width={size.width}
        height={size.height}
        loading="lazy"
        decoding="async"
      />
    </a>
  );
}

interface FileChipProps {
  url: string | undefined;
  name: string;
  type: string;
  size: number;
}

/** Shows a download link with the file's name, size and type. It has no address until the signed URL arrives. */
function FileChip({ url, name, type, size }: FileChipProps) {
  return (
    <a class="file-chip" data-testid="attachment-file" href={url} download aria-disabled={url === undefined}>
      <svg class="file-icon" viewBox="0 0 16 20" aria-hidden="true">
        <path
          d="M1 1h9l5 5v13H1zM10 1v5h5"
          fill="none"
          stroke="currentColor"
          stroke-width="1.5"
          stroke-linejoin="round"
        />
      </svg>
      <span class="file-name">{name}</span>
      <span class="file-details">
        {formatBytes(size)} · {typeLabel(type)}
      </span>
    </a>
  );
}
