import type { WireConversation, WireMessage, WirePresence } from '@messenger/protocol';
import { describeAttachments } from './attachments';
import { formatListTime } from './format-time';
import { PresenceDot } from './presence';
import type { AttachmentRef } from './timeline';

interface ConversationListProps {
  conversations: WireConversation[];
  userId: string;
  selectedId: string | undefined;
  presence: ReadonlyMap<string, WirePresence>;
  typing: ReadonlyMap<string, ReadonlySet<string>>;
  hasMore: boolean;
  now: number;
  /** Returns a message's files, also for own messages whose copy in the SDK lacks them. */
  attachmentsOf(message: WireMessage): readonly AttachmentRef[];
  onSelect(conversationId: string): void;
  onLoadMore(): void;
}

/** Returns the other member of a direct conversation, or the user for a conversation with only themselves. */
export function peerOf(conversation: WireConversation, userId: string) {
  return conversation.members.find((member) => member.userId !== userId) ?? conversation.members[0];
}

function previewOf(last: WireMessage | undefined, props: ConversationListProps, typing: boolean): string {
  if (typing) {
    return 'typing…';
  }
  if (last === undefined) {
    return 'No messages yet';
  }

  const text = last.body !== '' ? last.body : describeAttachments(props.attachmentsOf(last));

  return last.senderId === props.userId ? `You: ${text}` : text;
}

export function ConversationList(props: ConversationListProps) {
  const { conversations, userId, selectedId, presence, typing, now } = props;
  if (conversations.length === 0) {
    return <p class="empty-list">No conversations yet. Start one above.</p>;
  }

  return (
    <nav class="conversation-list" aria-label="Conversations">
      <ul>
        {conversations.map((conversation) => {
          const peer = peerOf(conversation, userId);
          const unread = conversation.unreadCount;
          const isTyping = (typing.get(conversation.conversationId)?.size ?? 0) > 0;
          const selected = conversation.conversationId === selectedId;

          return (
            <li key={conversation.conversationId}>
              <button
                type="button"
                class={selected ? 'conversation-item selected' : 'conversation-item'}
                data-testid="conversation-item"
                data-conversation-id={conversation.conversationId}
                data-unread={unread}
                aria-current={selected ? 'page' : undefined}
                onClick={() => props.onSelect(conversation.conversationId)}
              >
                <PresenceDot presence={peer === undefined ? undefined : presence.get(peer.userId)} now={now} />
                <span class="conversation-name">{peer?.username ?? 'Unknown user'}</span>
                <time class="conversation-time" dateTime={new Date(conversation.lastActivityAt).toISOString()}>
                  {formatListTime(conversation.lastActivityAt, now)}
                </time>
                <span class={isTyping ? 'conversation-preview typing' : 'conversation-preview'}>
                  {previewOf(conversation.lastMessage, props, isTyping)}
                </span>
                {unread > 0 && (
                  <span class="unread-badge" data-testid="unread-badge" aria-label={`${unread} unread`}>
                    {unread}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
      {props.hasMore && (
        <button type="button" class="secondary load-more" onClick={props.onLoadMore}>
          Show older conversations
        </button>
      )}
    </nav>
  );
}
