import net from 'node:net';

/**
 * Returns total_commands_processed from Redis's INFO stats, read over a plain
 * TCP connection so that each reading adds exactly one command (INFO itself)
 * to the count.
 */
export function redisCommandsProcessed(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let reply = Buffer.alloc(0);
    socket.setTimeout(5000);
    socket.on('connect', () => socket.write('INFO stats\r\n'));
    socket.on('data', (chunk) => {
      reply = Buffer.concat([reply, chunk]);
      // The reply is a bulk string: "$<length>\r\n<length bytes>\r\n".
      const headerEnd = reply.indexOf('\r\n');
      if (headerEnd < 0) return;
      const length = Number(reply.subarray(1, headerEnd).toString());
      if (reply.length < headerEnd + 2 + length) return;
      socket.end();
      const match = /total_commands_processed:(\d+)/.exec(reply.subarray(headerEnd + 2, headerEnd + 2 + length).toString());
      if (match) resolve(Number(match[1]));
      else reject(new Error(`redis at 127.0.0.1:${port} returned INFO stats without total_commands_processed`));
    });
    socket.on('timeout', () => {
      socket.destroy();
      reject(new Error(`redis at 127.0.0.1:${port} did not respond to INFO stats within 5 s`));
    });
    socket.on('error', (error) => reject(new Error(`redis at 127.0.0.1:${port}: ${error.message}`)));
  });
}
