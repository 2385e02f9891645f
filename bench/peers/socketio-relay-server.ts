/**
 * The Socket.IO relay peer: each connection joins the room of the user id in
 * its handshake, and a "send" event is emitted as "message" to the room of
 * the user in its "to" field. No storage and no acknowledgements. The
 * engine.io ping interval is the heartbeat.
 *
 *   node dist/bench/peers/socketio-relay-server.js --port 8320 --ping-interval-ms 10000
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';

function flag(name: string): number {
  const position = process.argv.indexOf(name);
  const value = Number(position >= 0 ? process.argv[position + 1] : NaN);
  if (!Number.isInteger(value) || value <= 0) {
    console.error(`missing or invalid ${name}: pass a positive integer`);
    process.exit(2);
  }

  return value;
}

const port = flag('--port');
const pingIntervalMs = flag('--ping-interval-ms');
const httpServer = createServer();
const io = new Server(httpServer, {
  transports: ['websocket'],
  perMessageDeflate: false,
  pingInterval: pingIntervalMs,
  pingTimeout: Math.max(20_000, pingIntervalMs),
});

io.on('connection', (socket) => {
  const userId = (socket.handshake.auth as { userId?: unknown }).userId;
  if (typeof userId !== 'string') {
    socket.disconnect(true);

    return;
  }
  void socket.join(userId);
  socket.on('send', (message: { to?: unknown }) => {
    if (typeof message?.to === 'string') io.to(message.to).emit('message', message);
  });
});
httpServer.listen(port, '127.0.0.1', () => console.log(`socket.io relay listening on 127.0.0.1:${port}`));
process.on('SIGTERM', () => {
  io.disconnectSockets(true);
  httpServer.closeAllConnections();
  io.close(() => process.exit(0));
});
