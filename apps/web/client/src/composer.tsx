import { MAX_BODY_LENGTH } from '@messenger/protocol';
import type { MessengerClient } from '@messenger/sdk';
import { useRef, useState } from 'preact/hooks';
import { describeError } from './errors';

interface ComposerProps {
  client: MessengerClient;
  conversationId: string;
  onSent(): void;
}

/** Largest height the message box grows to while the text gets longer, in pixels. */
const MAX_INPUT_HEIGHT_PX = 160;

/** Writes and sends messages: Enter sends, Shift+Enter starts a new line. */
export function Composer({ client, conversationId, onSent }: ComposerProps) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const inputRef = useRef<HTMLTextAreaElement>(null);

  const resize = () => {
    const input = inputRef.current;
    if (input !== null) {
      input.style.height = 'auto';
      input.style.height = `${Math.min(input.scrollHeight, MAX_INPUT_HEIGHT_PX)}px`;
    }
  };

  const send = () => {
    const body = text.trim();
    if (body === '') {
      return;
    }
    try {
      client.send(conversationId, body);
    } catch (caught) {
      setError(describeError(caught).text);

      return;
    }
    client.setTyping(conversationId, false);
    setText('');
    setError(undefined);
    requestAnimationFrame(resize);
    onSent();
  };

  const onInput = (value: string) => {
    setText(value);
    client.setTyping(conversationId, value.trim() !== '');
    resize();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  };

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <label for="composer-input" class="visually-hidden">
        Message
      </label>
      <textarea
        id="composer-input"
        ref={inputRef}
        data-testid="composer-input"
        rows={1}
        maxLength={MAX_BODY_LENGTH}
        placeholder="Write a message"
        value={text}
        onInput={(event) => onInput(event.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
      <button type="submit" data-testid="composer-send" disabled={text.trim() === ''}>
        Send
      </button>
      {error !== undefined && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
