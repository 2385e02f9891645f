import type { OutboxState } from '@messenger/sdk';
import { AttachmentList } from './attachment-list';
import { formatClockTime, formatFullTime } from './format-time';
import type { MediaFileCache } from './media-file-cache';
import type { TimelineEntry } from './timeline';

const STATE_LABELS: Record<OutboxState, string> = {
  pending: 'Sending',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  failed: 'Not sent',
};

function StateMark({ state }: { state: OutboxState }) {
  const label = STATE_LABELS[state];
  if (state === 'pending') {
    return (
      <svg class="mark pending" viewBox="0 0 16 16" role="img" aria-label={label}>
        <title>{label}</title>
        <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" stroke-width="1.5" />
        <path d="M8 4.5V8l2.5 1.5" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" />
      </svg>
    );
  }
  if (state === 'failed') {
    return (
      <svg class="mark failed" viewBox="0 0 16 16" role="img" aria-label={label}>
        <title>{label}</title>
        <circle cx="8" cy="8" r="7" fill="currentColor" />
        <path d="M8 4v5M8 11.5v.5" stroke="#fff" stroke-width="1.8" stroke-linecap="round" />
      </svg>
    );
  }

  const double = state === 'delivered' || state === 'read';

  return (
    <svg class={`mark ${state}`} viewBox="0 0 18 16" role="img" aria-label={label}>
      <title>{label}</title>
      <path
        d="M1 8.5l3.5 3.5 7-8"
        fill="none"
        stroke="currentColor"
        stroke-width="1.7"
        stroke-linecap="round"
        stroke-linejoin="round"
      />
      {double && (
        <path
          d="M7.5 11l1 1 7-8"
          fill="none"
          stroke="currentColor"
          stroke-width="1.7"
          stroke-linecap="round"
          stroke-linejoin="round"
        />
      )}
    </svg>
  );
}

interface MessageItemProps {
  entry: TimelineEntry;
  media: MediaFileCache;
  onRetry(clientMessageId: string): void;
}

export function MessageItem({ entry, media, onRetry }: MessageItemProps) {
  return (
    <li
      class={entry.own ? 'message own' : 'message'}
      data-testid="message"
      data-key={entry.key}
      data-seq={entry.seq}
      data-own={String(entry.own)}
      data-state={entry.state}
    >
      <div class="bubble">
        {entry.attachments.length > 0 && <AttachmentList attachments={entry.attachments} media={media} />}
        {entry.body !== '' && <p class="message-body">{entry.body}</p>}
        <span class="message-meta">
          <time dateTime={new Date(entry.createdAt).toISOString()} title={formatFullTime(entry.createdAt)}>
            {formatClockTime(entry.createdAt)}
          </time>
          {entry.state !== undefined && <StateMark state={entry.state} />}
        </span>
      </div>
      {entry.state === 'failed' && (
        <p class="message-failure" role="alert">
          Not sent{entry.reason !== undefined ? `: ${entry.reason}` : ''}.{' '}
          {entry.clientMessageId !== undefined && (
            <button
              type="button"
              class="link-button"
              data-testid="message-retry"
              onClick={() => onRetry(entry.clientMessageId as string)}
            >
              Retry
            </button>
          )}
        </p>
      )}
    </li>
  );
}
