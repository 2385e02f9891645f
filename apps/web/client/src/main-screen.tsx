import type { WireConversation, WireMessage } from '@messenger/protocol';
import type { MessengerClient } from '@messenger/sdk';
import { useEffect, useState } from 'preact/hooks';
import { ChatView } from './chat-view';
import { ConversationList, peerOf } from './conversation-list';
import { describeError } from './errors';
import { MediaFileCache } from './media-file-cache';
import { NewChatForm } from './new-chat-form';
import { UploadQueue } from './upload-queue';
import { useMessengerState } from './use-messenger-state';
import { useNow } from './use-now';

interface MainScreenProps {
  client: MessengerClient;
  onLoggedOut(): void;
}

const CONVERSATION_PATH = /^\/c\/([0-9A-Fa-f-]{36})$/;

function conversationIdFromLocation(): string | undefined {
  return CONVERSATION_PATH.exec(window.location.pathname)?.[1]?.toLowerCase();
}

export function MainScreen({ client, onLoggedOut }: MainScreenProps) {
  const state = useMessengerState(client);
  const now = useNow();
  const [selectedId, setSelectedId] = useState<string | undefined>(conversationIdFromLocation);
  const [loggingOut, setLoggingOut] = useState(false);
  const [media] = useState(() => new MediaFileCache(client));
  const [uploadQueue] = useState(() => new UploadQueue(client, media));
  const userId = client.user?.userId ?? '';

  // Uploads belong to the session: logging out stops them.
  useEffect(() => () => uploadQueue.abortAll(), [uploadQueue]);

  useEffect(() => {
    document.title = state.totalUnread > 0 ? `(${state.totalUnread}) Messenger` : 'Messenger';
  }, [state.totalUnread]);

  useEffect(() => {
    const onPopState = () => setSelectedId(conversationIdFromLocation());
    window.addEventListener('popstate', onPopState);

    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  const select = (conversationId: string) => {
    if (conversationId !== selectedId) {
      window.history.pushState(null, '', `/c/${conversationId}`);
      setSelectedId(conversationId);
    }
  };

  const onOpened = (conversation: WireConversation) => {
    state.addConversation(conversation);
    select(conversation.conversationId);
  };

  const logOut = async () => {
    setLoggingOut(true);
    try {
      await client.logout();
    } catch {
      // The SDK clears the session before it calls the server, so this tab is logged out even if the call failed.
    }
    window.history.replaceState(null, '', '/');
    onLoggedOut();
  };

  const selected =
    state.conversations.find((item) => item.conversationId === selectedId) ??
    (selectedId !== undefined ? client.conversation(selectedId) : undefined);
  const peer = selected !== undefined ? peerOf(selected, userId) : undefined;
  const attachmentsOf = (message: WireMessage) =>
    message.attachments?.length ? message.attachments : (uploadQueue.attachmentsSentWith(message.clientMessageId) ?? []);

  return (
    <div class="main-screen">
      <header class="app-header">
        <h1>
          Messenger
          <span
            class={state.totalUnread > 0 ? 'total-unread' : 'total-unread zero'}
            data-testid="total-unread"
            aria-label={`${state.totalUnread} unread messages`}
          >
            {state.totalUnread}
          </span>
        </h1>
        <span class="connection-state" data-state={state.connection}>
          {state.connection === 'connecting' ? 'Connecting…' : ''}
        </span>
        <span class="current-user">{client.user?.username}</span>
        <button type="button" class="secondary" data-testid="logout" disabled={loggingOut} onClick={() => void logOut()}>
          Log out
        </button>
      </header>
      {state.connection === 'reconnecting' && (
        <div class="reconnect-banner" role="status" data-testid="reconnect-banner">
          Reconnecting… Messages you write now are sent once the connection is back.
        </div>
      )}
      <div class="panes">
        <aside class="sidebar">
          <NewChatForm client={client} onOpened={onOpened} />
          {state.listError !== undefined && (
            <p class="form-error" role="alert">
              Conversations could not be loaded: {describeError(state.listError).text}
            </p>
          )}
          <ConversationList
            conversations={state.conversations}
            userId={userId}
            selectedId={selectedId}
            presence={state.presence}
            typing={state.typing}
            hasMore={state.hasMoreConversations}
            now={now}
            attachmentsOf={attachmentsOf}
            onSelect={select}
            onLoadMore={state.loadMoreConversations}
          />
        </aside>
        {selected !== undefined ? (
          <ChatView
            key={selected.conversationId}
            client={client}
            conversation={selected}
            userId={userId}
            peerPresence={peer !== undefined ? state.presence.get(peer.userId) : undefined}
            typingUserIds={state.typing.get(selected.conversationId)}
            now={now}
            media={media}
            uploadQueue={uploadQueue}
          />
        ) : (
          <section class="chat-placeholder">
            <p>{selectedId !== undefined ? 'Loading the conversation…' : 'Pick a conversation or start a new one.'}</p>
          </section>
        )}
      </div>
    </div>
  );
}
