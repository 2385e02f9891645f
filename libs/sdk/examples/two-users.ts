// Two users chat through the SDK. Start the system first (bash scripts/start.sh), then:
//   npm run build && node -r ./tools/register-aliases.js dist/libs/sdk/examples/two-users.js
// MESSENGER_URL picks another gateway (default http://127.0.0.1:8080).
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { MessengerClient, type WebSocketConstructor } from '@messenger/sdk';

const baseUrl = process.env.MESSENGER_URL ?? 'http://127.0.0.1:8080';

async function newUser(name: string): Promise<MessengerClient> {
  const client = new MessengerClient({ baseUrl, WebSocket: WebSocket as unknown as WebSocketConstructor });
  const username = `${name}-${randomBytes(3).toString('hex')}`;
  const password = randomBytes(12).toString('hex');
  await client.register(username, password);
  await client.login(username, password);
  client.connect();

  return client;
}

async function main(): Promise<void> {
  const alice = await newUser('alice');
  const bob = await newUser('bob');

  bob.on('message', (message) => {
    console.log(`bob received seq ${message.seq}: ${message.body}`);
    bob.markRead(message.conversationId, message.seq);
  });
  const read = new Promise<void>((resolve) =>
    alice.on('outbox', (item) => {
      console.log(`alice's message is ${item.state}`);
      if (item.state === 'read') resolve();
    }),
  );

  const conversation = await alice.openConversation(bob.user!.username);
  alice.send(conversation.conversationId, 'Hello, Bob!');
  await read;

  await Promise.all([alice.logout(), bob.logout()]);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
