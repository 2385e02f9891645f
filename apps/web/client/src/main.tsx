import { render } from 'preact';
import { App } from './app';
import { createMessengerClient } from './messenger';
import './styles.css';

async function start(): Promise<void> {
  const root = document.getElementById('app');
  if (root === null) {
    throw new Error('index.html has no element with id "app"');
  }
  const client = await createMessengerClient();
  const restored = client.restoreSession();
  if (restored) {
    client.connect();
  }
  render(<App client={client} restored={restored} />, root);
}

void start();
