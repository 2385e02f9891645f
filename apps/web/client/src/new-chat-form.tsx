import type { WireConversation } from '@messenger/protocol';
import type { MessengerClient } from '@messenger/sdk';
import { useState } from 'preact/hooks';
import { describeError, ErrorView } from './errors';

interface NewChatFormProps {
  client: MessengerClient;
  onOpened(conversation: WireConversation): void;
}

/** Starts (or reopens) the direct conversation with a username. */
export function NewChatForm({ client, onOpened }: NewChatFormProps) {
  const [username, setUsername] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorView | undefined>(undefined);

  const onSubmit = async (event: SubmitEvent) => {
    event.preventDefault();
    const name = username.trim().toLowerCase();
    if (name === '') {
      return;
    }

    setBusy(true);
    setError(undefined);
    try {
      const conversation = await client.openConversation(name);
      setUsername('');
      onOpened(conversation);
    } catch (caught) {
      const view = describeError(caught);
      setError(view.code === 'NOT_FOUND' ? { ...view, text: `No user named "${name}".` } : view);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="new-chat" onSubmit={(event) => void onSubmit(event)}>
      <label for="new-chat-input" class="visually-hidden">
        Start a chat with username
      </label>
      <input
        id="new-chat-input"
        data-testid="new-chat-input"
        placeholder="Start a chat: username"
        autocomplete="off"
        autocapitalize="none"
        spellcheck={false}
        maxLength={32}
        value={username}
        aria-invalid={error !== undefined}
        aria-describedby={error !== undefined ? 'new-chat-error' : undefined}
        onInput={(event) => {
          setUsername(event.currentTarget.value);
          setError(undefined);
        }}
      />
      <button type="submit" data-testid="new-chat-submit" disabled={busy}>
        Chat
      </button>
      {error !== undefined && (
        <p id="new-chat-error" class="form-error" role="alert" data-testid="new-chat-error" data-code={error.code}>
          {error.text}
        </p>
      )}
    </form>
  );
}
