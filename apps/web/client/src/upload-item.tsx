import type { Upload } from './upload-queue';

interface UploadItemProps {
  upload: Upload;
  onRetry(id: string): void;
  onRemove(id: string): void;
}

/** Shows an own message whose file is still uploading or failed to upload, at the end of the conversation. */
export function UploadItem({ upload, onRetry, onRemove }: UploadItemProps) {
  const percent = upload.totalBytes > 0 ? Math.floor((upload.uploadedBytes * 100) / upload.totalBytes) : 0;
  const progressId = `${upload.id}-progress`;
  const failed = upload.state === 'failed';

  return (
    <li
      class="message own upload"
      data-testid="upload-progress"
      data-file-name={upload.name}
      data-state={upload.state}
      data-percent={percent}
    >
      <div class="bubble">
        {failed ? (
          <p class="upload-name">{upload.name}</p>
        ) : (
          <>
            <label for={progressId} class="upload-name">
              <span class="visually-hidden">Uploading </span>
              {upload.name}
            </label>
            <span class="upload-bar">
              <progress id={progressId} max={100} value={percent}>
                {percent}%
              </progress>
              <span aria-hidden="true">{percent}%</span>
            </span>
          </>
        )}
        {upload.caption !== '' && <p class="message-body">{upload.caption}</p>}
      </div>
      {failed ? (
        <p class="message-failure" role="alert" data-testid="upload-error" data-code={upload.error?.code}>
          Upload failed: {upload.error?.text}{' '}
          {upload.retryable && (
            <button type="button" class="link-button" data-testid="upload-retry" onClick={() => onRetry(upload.id)}>
              Retry
            </button>
          )}{' '}
          <button type="button" class="link-button" data-testid="upload-remove" onClick={() => onRemove(upload.id)}>
            Remove
          </button>
        </p>
      ) : (
        <button
          type="button"
          class="link-button upload-cancel"
          data-testid="upload-cancel"
          onClick={() => onRemove(upload.id)}
        >
          Cancel
        </button>
      )}
    </li>
  );
}
