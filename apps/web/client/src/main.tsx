import { render } from 'preact';
import { App } from './app';
import { createMessengerClient } from './messenger';
import './styles.css';

const client = createMessengerClient();
const restored = client.restoreSession();
if (restored) {
  client.connect();
}

const root = document.getElementById('app');
if (root === null) {
  throw new Error('index.html has no element with id "app"');
}
render(<App client={client} restored={restored} />, root);
