import type { MessengerClient } from '@messenger/sdk';
import { useEffect, useState } from 'preact/hooks';
import { LoginScreen } from './login-screen';
import { MainScreen } from './main-screen';

interface AppProps {
  client: MessengerClient;
  /** True when a session from earlier in this tab was restored. */
  restored: boolean;
}

export function App({ client, restored }: AppProps) {
  const [loggedIn, setLoggedIn] = useState(restored);
  const [notice, setNotice] = useState<string | undefined>(undefined);

  useEffect(() => {
    const onSessionEnded = (reason: string) => {
      window.history.replaceState(null, '', '/');
      setNotice(`Your session ended (${reason}). Log in again.`);
      setLoggedIn(false);
    };
    client.on('session_ended', onSessionEnded);

    return () => client.off('session_ended', onSessionEnded);
  }, [client]);

  if (!loggedIn) {
    return (
      <LoginScreen
        client={client}
        notice={notice}
        onLoggedIn={() => {
          setNotice(undefined);
          setLoggedIn(true);
        }}
      />
    );
  }

  return <MainScreen client={client} onLoggedOut={() => setLoggedIn(false)} />;
}
