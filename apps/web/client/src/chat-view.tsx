import type { WireConversation, WirePresence } from '@messenger/protocol';
import type { MessengerClient } from '@messenger/sdk';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Composer } from './composer';
import { peerOf } from './conversation-list';
import { describeError } from './errors';
import type { MediaFileCache } from './media-file-cache';
import { MessageItem } from './message-item';
import { describePresence } from './presence';
import { buildTimeline, highestSeq } from './timeline';
import { UploadItem } from './upload-item';
import type { UploadQueue } from './upload-queue';
import { useConversationMessages } from './use-conversation-messages';
import { useFileDrop } from './use-file-drop';
import { useUploads } from './use-uploads';

interface ChatViewProps {
  client: MessengerClient;
  conversation: WireConversation;
  userId: string;
  peerPresence: WirePresence | undefined;
  typingUserIds: ReadonlySet<string> | undefined;
  now: number;
  media: MediaFileCache;
  uploadQueue: UploadQueue;
}

/** Distance from the top, in pixels, below which scrolling up loads older messages. */
const LOAD_OLDER_THRESHOLD_PX = 120;
/** Distance from the bottom, in pixels, within which the list counts as scrolled to the bottom. */
const AT_BOTTOM_THRESHOLD_PX = 32;

function isAtBottom(list: HTMLElement): boolean {
  return list.scrollHeight - list.scrollTop - list.clientHeight <= AT_BOTTOM_THRESHOLD_PX;
}

/** Position of the oldest shown message relative to the top of the visible area, kept while older messages load. */
interface ScrollAnchor {
  key: string;
  offset: number;
}

export function ChatView(props: ChatViewProps) {
  const { client, conversation, userId, peerPresence, typingUserIds, now, media, uploadQueue } = props;
  const conversationId = conversation.conversationId;
  const peer = peerOf(conversation, userId);
  const self = conversation.members.find((member) => member.userId === userId);
  const history = useConversationMessages(client, conversationId);
  const timeline = useMemo(
    () => buildTimeline({ messages: history.messages.values(), outbox: history.outbox, userId, peer }),
    [history.messages, history.outbox, userId, peer?.deliveredSeq, peer?.readSeq],
  );

  const uploads = useUploads(uploadQueue, conversationId);
  const [draft, setDraft] = useState('');

  const listRef = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const anchor = useRef<ScrollAnchor | undefined>(undefined);
  const markedSeq = useRef(0);

  useEffect(() => {
    stickToBottom.current = true;
    anchor.current = undefined;
    markedSeq.current = 0;
  }, [conversationId]);

  const markReadIfSeen = useCallback(() => {
    const list = listRef.current;
    if (list === null || document.visibilityState !== 'visible' || !isAtBottom(list)) {
      return;
    }
    const seq = highestSeq(timeline);
    if (seq > (self?.readSeq ?? 0) && seq > markedSeq.current) {
      markedSeq.current = seq;
      client.markRead(conversationId, seq);
    }
  }, [client, conversationId, timeline, self?.readSeq]);

  const saveAnchor = () => {
    const list = listRef.current;
    const first = list?.querySelector<HTMLElement>('[data-testid="message"]');
    if (list && first) {
      anchor.current = { key: first.dataset.key ?? '', offset: first.offsetTop - list.scrollTop };
    }
  };

  const loadOlder = history.loadOlder;
  const requestOlder = useCallback(() => {
    if (history.hasOlder && !history.loadingOlder) {
      saveAnchor();
      loadOlder();
    }
  }, [history.hasOlder, history.loadingOlder, loadOlder]);

  // Runs before paint, so that the list never shows at a wrong scroll position.
  useLayoutEffect(() => {
    const list = listRef.current;
    if (list === null) {
      return;
    }

    const saved = anchor.current;
    const anchored = saved ? list.querySelector<HTMLElement>(`[data-key="${CSS.escape(saved.key)}"]`) : null;
    if (saved && anchored && !history.loadingOlder) {
      list.scrollTop = anchored.offsetTop - saved.offset;
      anchor.current = undefined;
    } else if (stickToBottom.current) {
      list.scrollTop = list.scrollHeight;
    }

    // A first page that does not fill the list gives no scroll event, so load the next page now.
    if (history.loaded && list.scrollHeight <= list.clientHeight) {
      requestOlder();
    }
    markReadIfSeen();
  }, [timeline, uploads, history.loaded, history.loadingOlder]);

  useEffect(() => {
    const onVisible = () => markReadIfSeen();
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('focus', onVisible);

    return () => {
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('focus', onVisible);
    };
  }, [markReadIfSeen]);

  useEffect(() => {
    const onState = (state: string) => {
      if (state === 'online') {
        // A read sent while the connection dropped may be lost: send it again if still needed.
        markedSeq.current = 0;
      }
    };
    client.on('state', onState);

    return () => client.off('state', onState);
  }, [client]);

  const onScroll = () => {
    const list = listRef.current;
    if (list === null) {
      return;
    }
    stickToBottom.current = isAtBottom(list);
    if (history.loadingOlder) {
      saveAnchor();
    } else if (list.scrollTop < LOAD_OLDER_THRESHOLD_PX) {
      requestOlder();
    }
    markReadIfSeen();
  };

  const attach = (files: File[]) => {
    uploadQueue.add(conversationId, files, draft.trim());
    setDraft('');
    client.setTyping(conversationId, false);
    stickToBottom.current = true;
  };
  const dragging = useFileDrop(attach);

  const removeUpload = (id: string) => {
    const removed = uploadQueue.remove(id);
    // The caption would be lost with the upload, so it returns to an empty composer.
    if (removed !== undefined && removed.caption !== '' && draft.trim() === '') {
      setDraft(removed.caption);
    }
  };

  const typingNames = [...(typingUserIds ?? [])]
    .filter((id) => id !== userId)
    .map((id) => conversation.members.find((member) => member.userId === id)?.username ?? 'Someone');
  const peerName = peer?.username ?? 'Unknown user';

  return (
    <section class="chat" aria-label={`Chat with ${peerName}`} {...dragging.handlers}>
      {dragging.active && (
        <div class="drop-zone" data-testid="drop-zone">
          <p>Drop files to send them to {peerName}</p>
        </div>
      )}
      <header class="chat-header">
        <h2>{peerName}</h2>
        <p
          class={peerPresence?.status === 'online' ? 'peer-presence online' : 'peer-presence'}
          data-testid="peer-presence"
          data-status={peerPresence?.status ?? 'offline'}
        >
          {describePresence(peerPresence, now)}
        </p>
      </header>
      <div class="message-list" ref={listRef} onScroll={onScroll} role="log" aria-label="Messages">
        {history.loadingOlder && <p class="list-status">Loading older messages…</p>}
        {!history.loaded && history.loadError === undefined && <p class="list-status">Loading messages…</p>}
        {history.loadError !== undefined && (
          <p class="list-status form-error" role="alert">
            Messages could not be loaded: {describeError(history.loadError).text}
          </p>
        )}
        {history.loaded && timeline.length === 0 && uploads.length === 0 && (
          <p class="list-status">No messages yet. Say hello!</p>
        )}
        <ol class="messages">
          {timeline.map((entry) => (
            <MessageItem key={entry.key} entry={entry} media={media} onRetry={(id) => client.retry(id)} />
          ))}
          {uploads.map((upload) => (
            <UploadItem
              key={upload.id}
              upload={upload}
              onRetry={(id) => uploadQueue.retry(id)}
              onRemove={removeUpload}
            />
          ))}
        </ol>
      </div>
      <div class="typing-line" aria-live="polite">
        {typingNames.length > 0 && <span data-testid="typing-indicator">{typingNames.join(', ')} is typing…</span>}
      </div>
      <Composer
        key={conversationId}
        client={client}
        conversationId={conversationId}
        text={draft}
        onTextChange={setDraft}
        onSent={() => {
          stickToBottom.current = true;
        }}
        onAttach={attach}
      />
    </section>
  );
}
