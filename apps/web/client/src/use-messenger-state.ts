import type { WireConversation, WirePresence } from '@messenger/protocol';
import type { ConnectionState, MessengerClient, TypingChange } from '@messenger/sdk';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

const CONVERSATION_PAGE_SIZE = 50;

/** The state of the main screen that follows the client's events. */
export interface MessengerState {
  connection: ConnectionState;
  /** Conversations, the most recently active first. */
  conversations: WireConversation[];
  hasMoreConversations: boolean;
  presence: ReadonlyMap<string, WirePresence>;
  /** User ids typing now, by conversation id. */
  typing: ReadonlyMap<string, ReadonlySet<string>>;
  totalUnread: number;
  /** Error of the last conversation list request, if it failed. */
  listError?: unknown;
  loadMoreConversations(): void;
  /** Adds a conversation that the user opened, and fetches its peer's presence if unknown. */
  addConversation(conversation: WireConversation): void;
}

function byLatestActivity(first: WireConversation, second: WireConversation): number {
  return second.lastActivityAt - first.lastActivityAt || first.conversationId.localeCompare(second.conversationId);
}

function upsert(list: WireConversation[], conversation: WireConversation): WireConversation[] {
  const others = list.filter((item) => item.conversationId !== conversation.conversationId);

  return [...others, conversation].sort(byLatestActivity);
}

function withPresence(
  map: ReadonlyMap<string, WirePresence>,
  entries: readonly WirePresence[],
): ReadonlyMap<string, WirePresence> {
  const next = new Map(map);
  for (const entry of entries) {
    next.set(entry.userId, entry);
  }

  return next;
}

/**
 * Returns the SDK's copies of a page's conversations. The SDK merges each
 * reply with the receipts and messages it saw meanwhile, so its copies can
 * be newer than the reply.
 */
function mergedCopies(client: MessengerClient, conversations: readonly WireConversation[]): WireConversation[] {
  return conversations.map((item) => client.conversation(item.conversationId) ?? item);
}

function peerIdsOf(conversation: WireConversation, userId: string | undefined): string[] {
  return conversation.members.map((member) => member.userId).filter((id) => id !== userId);
}

/**
 * Follows the client's events into the state of the main screen. The
 * conversation list is fetched again each time the connection comes
 * online, because presence changes that happened while offline are not
 * replayed. The SDK itself lists again when a message or typing frame names
 * a conversation it has not seen, and reports it with a conversation event.
 */
export function useMessengerState(client: MessengerClient): MessengerState {
  const [connection, setConnection] = useState<ConnectionState>(client.state);
  const [conversations, setConversations] = useState<WireConversation[]>([]);
  const [nextCursor, setNextCursor] = useState<string | undefined>(undefined);
  const [presence, setPresence] = useState<ReadonlyMap<string, WirePresence>>(new Map());
  const [typing, setTyping] = useState<ReadonlyMap<string, ReadonlySet<string>>>(new Map());
  const [totalUnread, setTotalUnread] = useState(client.totalUnread);
  const [listError, setListError] = useState<unknown>(undefined);
  const listRequest = useRef(0);
  // Users whose presence is known or being fetched, so each is fetched once.
  const presenceKnown = useRef(new Set<string>());

  /** Fetches the presence of peers that no list reply or presence event has covered yet. */
  const fetchMissingPresence = useCallback(
    (conversation: WireConversation) => {
      const missing = peerIdsOf(conversation, client.user?.userId).filter((id) => !presenceKnown.current.has(id));
      if (missing.length === 0) {
        return;
      }
      for (const id of missing) {
        presenceKnown.current.add(id);
      }
      client
        .getPresence(missing)
        .then((entries) => setPresence((map) => withPresence(map, entries)))
        .catch(() => {
          for (const id of missing) {
            presenceKnown.current.delete(id);
          }
        });
    },
    [client],
  );

  const takePresence = useCallback((entries: readonly WirePresence[]) => {
    for (const entry of entries) {
      presenceKnown.current.add(entry.userId);
    }
    setPresence((map) => withPresence(map, entries));
  }, []);

  const loadFirstPage = useCallback(() => {
    const request = ++listRequest.current;
    client
      .listConversations({ limit: CONVERSATION_PAGE_SIZE })
      .then((page) => {
        if (request !== listRequest.current) {
          return;
        }
        setConversations(mergedCopies(client, page.conversations).sort(byLatestActivity));
        setNextCursor(page.nextCursor);
        takePresence(page.presence);
        setTotalUnread(client.totalUnread);
        setListError(undefined);
      })
      .catch((error: unknown) => {
        if (request === listRequest.current) {
          setListError(error);
        }
      });
  }, [client, takePresence]);

  const loadMoreConversations = useCallback(() => {
    if (nextCursor === undefined) {
      return;
    }
    const request = ++listRequest.current;
    client
      .listConversations({ limit: CONVERSATION_PAGE_SIZE, cursor: nextCursor })
      .then((page) => {
        if (request !== listRequest.current) {
          return;
        }
        setConversations((list) => mergedCopies(client, page.conversations).reduce(upsert, list));
        setNextCursor(page.nextCursor);
        takePresence(page.presence);
        setTotalUnread(client.totalUnread);
      })
      .catch((error: unknown) => {
        if (request === listRequest.current) {
          setListError(error);
        }
      });
  }, [client, nextCursor, takePresence]);

  const addConversation = useCallback(
    (conversation: WireConversation) => {
      setConversations((list) => upsert(list, client.conversation(conversation.conversationId) ?? conversation));
      fetchMissingPresence(conversation);
    },
    [client, fetchMissingPresence],
  );

  useEffect(() => {
    const onState = (state: ConnectionState) => {
      setConnection(state);
      if (state === 'online') {
        loadFirstPage();
      }
    };
    const onConversation = (conversation: WireConversation) => {
      setConversations((list) => upsert(list, conversation));
      setTotalUnread(client.totalUnread);
      fetchMissingPresence(conversation);
    };
    const onPresence = (entry: WirePresence) => takePresence([entry]);
    const onTyping = (event: TypingChange) => {
      setTyping((map) => {
        const users = new Set(map.get(event.conversationId));
        if (event.active) {
          users.add(event.userId);
        } else {
          users.delete(event.userId);
        }
        const next = new Map(map);
        next.set(event.conversationId, users);

        return next;
      });
    };

    client.on('state', onState);
    client.on('conversation', onConversation);
    client.on('presence', onPresence);
    client.on('typing', onTyping);
    if (client.state === 'online') {
      loadFirstPage();
    }
    setConnection(client.state);

    return () => {
      client.off('state', onState);
      client.off('conversation', onConversation);
      client.off('presence', onPresence);
      client.off('typing', onTyping);
    };
  }, [client, loadFirstPage, fetchMissingPresence, takePresence]);

  return {
    connection,
    conversations,
    hasMoreConversations: nextCursor !== undefined,
    presence,
    typing,
    totalUnread,
    listError,
    loadMoreConversations,
    addConversation,
  };
}
