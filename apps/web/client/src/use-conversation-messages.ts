import type { WireMessage } from '@messenger/protocol';
import type { ConnectionState, MessengerClient, OutboxItem } from '@messenger/sdk';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ShownMessage } from './timeline';

const HISTORY_PAGE_SIZE = 50;

export interface ConversationMessages {
  /** Stored messages by seq: loaded history pages and live messages. */
  messages: ReadonlyMap<number, ShownMessage>;
  /** The conversation's own messages that the peer has not read yet, from the SDK's outbox. */
  outbox: OutboxItem[];
  /** True once the newest page has arrived. */
  loaded: boolean;
  /** True while older messages exist that are not loaded yet. */
  hasOlder: boolean;
  loadingOlder: boolean;
  loadError: unknown;
  loadOlder(): void;
}

function withMessages(map: ReadonlyMap<number, ShownMessage>, messages: readonly ShownMessage[]) {
  const next = new Map(map);
  for (const message of messages) {
    next.set(message.seq, message);
  }

  return next;
}

/**
 * Turns the outbox items that the server stored into messages. The outbox
 * drops an item once the peer has read it, so the view keeps the message
 * itself from the moment it is sent. Their attachments are file ids only.
 */
function storedOutboxMessages(client: MessengerClient, items: readonly OutboxItem[]): ShownMessage[] {
  const senderId = client.user?.userId ?? '';

  return items.flatMap((item) =>
    item.seq !== undefined && item.messageId !== undefined
      ? [
          {
            conversationId: item.conversationId,
            messageId: item.messageId,
            seq: item.seq,
            senderId,
            senderDeviceId: client.deviceId,
            clientMessageId: item.clientMessageId,
            body: item.body,
            attachments: item.attachments?.map((fileId) => ({ fileId })),
            createdAt: item.sentAt ?? item.createdAt,
          },
        ]
      : [],
  );
}

/** Adds outbox copies of messages that the map lacks. A server copy stays, because it has the attachments' metadata. */
function withOutboxCopies(map: ReadonlyMap<number, ShownMessage>, copies: readonly ShownMessage[]) {
  return withMessages(map, copies.filter((copy) => !map.has(copy.seq)));
}

function lowestSeq(map: ReadonlyMap<number, ShownMessage>): number | undefined {
  let lowest: number | undefined;
  for (const seq of map.keys()) {
    if (lowest === undefined || seq < lowest) {
      lowest = seq;
    }
  }

  return lowest;
}

/**
 * Loads a conversation's messages and keeps them current: the newest history
 * page first, older pages on request, live messages as they arrive, and the
 * newest page again after every reconnect to cover what came meanwhile.
 * Sequence numbers start at 1 without gaps, so older messages exist while
 * the lowest loaded seq is above 1.
 */
export function useConversationMessages(client: MessengerClient, conversationId: string): ConversationMessages {
  const [messages, setMessages] = useState<ReadonlyMap<number, ShownMessage>>(new Map());
  const [outbox, setOutbox] = useState<OutboxItem[]>(() => client.outboxItems(conversationId));
  const [loaded, setLoaded] = useState(false);
  const [exhausted, setExhausted] = useState(false);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(undefined);
  const messagesRef = useRef(messages);
  messagesRef.current = messages;
  const loadingOlderRef = useRef(false);
  // Incremented when the conversation changes, so that responses for the previous one are dropped.
  const generation = useRef(0);

  useEffect(() => {
    const current = ++generation.current;
    const items = client.outboxItems(conversationId);
    setMessages(withMessages(new Map(), storedOutboxMessages(client, items)));
    setOutbox(items);
    setLoaded(false);
    setExhausted(false);
    setLoadingOlder(false);
    setLoadError(undefined);
    loadingOlderRef.current = false;

    const loadNewest = () => {
      client
        .history(conversationId, { limit: HISTORY_PAGE_SIZE })
        .then((page) => {
          if (current !== generation.current) {
            return;
          }
          setMessages((map) => withMessages(map, page.messages));
          setLoaded(true);
          setLoadError(undefined);
        })
        .catch((error: unknown) => {
          if (current === generation.current && client.state === 'online') {
            setLoadError(error);
          }
        });
    };

    const onMessage = (message: WireMessage) => {
      if (message.conversationId === conversationId) {
        setMessages((map) => withMessages(map, [message]));
      }
    };
    const onOutbox = (item: OutboxItem) => {
      if (item.conversationId === conversationId) {
        setMessages((map) => withOutboxCopies(map, storedOutboxMessages(client, [item])));
        setOutbox(client.outboxItems(conversationId));
      }
    };
    const onState = (state: ConnectionState) => {
      if (state === 'online') {
        loadNewest();
      }
    };

    client.on('message', onMessage);
    client.on('outbox', onOutbox);
    client.on('state', onState);
    loadNewest();

    return () => {
      client.off('message', onMessage);
      client.off('outbox', onOutbox);
      client.off('state', onState);
    };
  }, [client, conversationId]);

  const lowest = lowestSeq(messages);
  const hasOlder = lowest !== undefined && lowest > 1 && !exhausted;

  const loadOlder = useCallback(() => {
    const beforeSeq = lowestSeq(messagesRef.current);
    if (loadingOlderRef.current || beforeSeq === undefined || beforeSeq <= 1) {
      return;
    }

    const current = generation.current;
    loadingOlderRef.current = true;
    setLoadingOlder(true);
    client
      .history(conversationId, { beforeSeq, limit: HISTORY_PAGE_SIZE })
      .then((page) => {
        if (current !== generation.current) {
          return;
        }
        setMessages((map) => withMessages(map, page.messages));
        // The server may have nothing older even though the lowest seq is above 1, e.g. after a gap it cannot fill.
        if (!page.hasMore || page.messages.length === 0) {
          setExhausted(true);
        }
      })
      .catch((error: unknown) => {
        if (current === generation.current) {
          setLoadError(error);
        }
      })
      .finally(() => {
        if (current === generation.current) {
          loadingOlderRef.current = false;
          setLoadingOlder(false);
        }
      });
  }, [client, conversationId]);

  return { messages, outbox, loaded, hasOlder, loadingOlder, loadError, loadOlder };
}
