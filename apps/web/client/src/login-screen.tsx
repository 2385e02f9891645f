import type { MessengerClient } from '@messenger/sdk';
import { useState } from 'preact/hooks';
import { describeError, ErrorView } from './errors';

interface LoginScreenProps {
  client: MessengerClient;
  /** Reason the previous session ended, shown above the form. */
  notice?: string;
  onLoggedIn(): void;
}

type Action = 'login' | 'register';

export function LoginScreen({ client, notice, onLoggedIn }: LoginScreenProps) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState<Action | undefined>(undefined);
  const [error, setError] = useState<ErrorView | undefined>(undefined);

  const submit = async (action: Action) => {
    setBusy(action);
    setError(undefined);
    try {
      const name = username.trim();
      if (action === 'register') {
        await client.register(name, password);
      }
      await client.login(name, password);
      client.connect();
      onLoggedIn();
    } catch (caught) {
      setError(describeError(caught));
      setBusy(undefined);
    }
  };

  const onSubmit = (event: SubmitEvent) => {
    event.preventDefault();
    const submitter = event.submitter as HTMLButtonElement | null;
    void submit(submitter?.value === 'register' ? 'register' : 'login');
  };

  return (
    <main class="login">
      <form class="login-form" onSubmit={onSubmit} aria-busy={busy !== undefined}>
        <h1>Messenger</h1>
        {notice !== undefined && (
          <p class="notice" role="status">
            {notice}
          </p>
        )}
        <label for="login-username">Username</label>
        <input
          id="login-username"
          data-testid="login-username"
          name="username"
          autocomplete="username"
          autocapitalize="none"
          spellcheck={false}
          required
          value={username}
          onInput={(event) => setUsername(event.currentTarget.value)}
        />
        <label for="login-password">Password</label>
        <input
          id="login-password"
          data-testid="login-password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          value={password}
          onInput={(event) => setPassword(event.currentTarget.value)}
        />
        {error !== undefined && (
          <p class="form-error" role="alert" data-testid="auth-error" data-code={error.code}>
            {error.text}
          </p>
        )}
        <div class="login-actions">
          <button type="submit" value="login" data-testid="login-submit" disabled={busy !== undefined}>
            {busy === 'login' ? 'Logging in…' : 'Log in'}
          </button>
          <button
            type="submit"
            value="register"
            class="secondary"
            data-testid="register-submit"
            disabled={busy !== undefined}
          >
            {busy === 'register' ? 'Creating account…' : 'Create account'}
          </button>
        </div>
        <p class="hint">Usernames are 3-32 characters of a-z, 0-9, _ . and -; passwords 8-128 characters.</p>
      </form>
    </main>
  );
}
