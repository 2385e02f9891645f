/**
 * The raw relay peer: plain Node and `ws`, forwarding each JSON frame
 * verbatim to the socket of the user named in its "to" field. No storage,
 * no acknowledgements, no authentication; a frame for a user who is not
 * connected is dropped. Replies to {"type":"heartbeat"} with a heartbeat_ack.
 *
 *   node dist/bench/peers/ws-relay-server.js --port 8310
 */
import { WebSocket, WebSocketServer } from 'ws';

const portFlag = process.argv.indexOf('--port');
const port = Number(portFlag >= 0 ? process.argv[portFlag + 1] : NaN);
if (!Number.isInteger(port)) {
  console.error('missing --port: pass the TCP port to listen on 127.0.0.1');
  process.exit(2);
}

const sockets = new Map<string, WebSocket>();
const server = new WebSocketServer({ host: '127.0.0.1', port, perMessageDeflate: false });

server.on('connection', (socket, request) => {
  const userId = new URL(request.url ?? '/', 'http://relay.invalid').searchParams.get('user');
  if (!userId) {
    socket.close(4000, 'missing user query parameter');

    return;
  }
  sockets.set(userId, socket);
  socket.on('message', (data, isBinary) => {
    const frame = JSON.parse(String(data)) as { type?: string; to?: string };
    if (frame.type === 'heartbeat') socket.send('{"type":"heartbeat_ack"}');
    else if (frame.to !== undefined) sockets.get(frame.to)?.send(data, { binary: isBinary });
  });
  socket.on('close', () => {
    if (sockets.get(userId) === socket) sockets.delete(userId);
  });
});
server.on('listening', () => console.log(`ws relay listening on 127.0.0.1:${port}`));
process.on('SIGTERM', () => {
  for (const socket of server.clients) socket.terminate();
  server.close(() => process.exit(0));
});
