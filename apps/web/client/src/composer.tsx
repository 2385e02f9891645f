import { MAX_BODY_LENGTH } from '@messenger/protocol';
import type { MessengerClient } from '@messenger/sdk';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { describeError } from './errors';

interface ComposerProps {
  client: MessengerClient;
  conversationId: string;
  /** The draft, kept by the chat view because attached files take it as their caption. */
  text: string;
  onTextChange(text: string): void;
  onSent(): void;
  /** Called with the files that the user picked or pasted. */
  onAttach(files: File[]): void;
}

/** Largest height the message box grows to while the text gets longer, in pixels. */
const MAX_INPUT_HEIGHT_PX = 160;

/** Writes and sends messages: Enter sends, Shift+Enter starts a new line. Files come from a picker or the clipboard. */
export function Composer({ client, conversationId, text, onTextChange, onSent, onAttach }: ComposerProps) {
  const [error, setError] = useState<string | undefined>(undefined);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const fileInputRef = useRef<HTMLInputElement>(null);

  // Fits the box to its text, also when the text is cleared from outside.
  useLayoutEffect(() => {
    const input = inputRef.current;
    if (input !== null) {
      input.style.height = 'auto';
      input.style.height = `${Math.min(input.scrollHeight, MAX_INPUT_HEIGHT_PX)}px`;
    }
  }, [text]);

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
    onTextChange('');
    setError(undefined);
    onSent();
  };

  const onInput = (value: string) => {
    onTextChange(value);
    client.setTyping(conversationId, value.trim() !== '');
  };

  const onFilesChosen = (input: HTMLInputElement) => {
    const files = [...(input.files ?? [])];
    // Cleared so that choosing the same file again fires another change event.
    input.value = '';
    if (files.length > 0) {
      onAttach(files);
    }
  };

  const onPaste = (event: ClipboardEvent) => {
    const files = [...(event.clipboardData?.files ?? [])];
    if (files.length > 0) {
      event.preventDefault();
      onAttach(files);
    }
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
      <input
        ref={fileInputRef}
        type="file"
        multiple
        hidden
        data-testid="attach-input"
        onChange={(event) => onFilesChosen(event.currentTarget)}
      />
      <button
        type="button"
        class="secondary attach-button"
        data-testid="attach-button"
        aria-label="Attach files"
        title="Attach files"
        onClick={() => fileInputRef.current?.click()}
      >
        <svg viewBox="0 0 20 20" aria-hidden="true">
          <path
            d="M14.5 9.5l-5.8 5.8a3.5 3.5 0 01-5-5l6.5-6.5a2.3 2.3 0 013.3 3.3l-6.4 6.4a1.1 1.1 0 01-1.6-1.6l5.8-5.8"
            fill="none"
            stroke="currentColor"
            stroke-width="1.6"
            stroke-linecap="round"
          />
        </svg>
      </button>
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
        onPaste={onPaste}
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
