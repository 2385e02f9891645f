import * as readline from 'node:readline';
import { Writable } from 'node:stream';

/**
 * Reads a password from MESSENGER_PASSWORD or, when that is unset, from the
 * terminal without echoing it. Rejects when the input ends or the user
 * presses Ctrl+C before a password was entered.
 */
export function readPassword(prompt: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const fromEnv = env.MESSENGER_PASSWORD;
  if (fromEnv) return Promise.resolve(fromEnv);

  let muted = false;
  const output = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (!muted) process.stdout.write(chunk);
      callback();
    },
  });
  const rl = readline.createInterface({ input: process.stdin, output, terminal: Boolean(process.stdin.isTTY) });

  return new Promise((resolve, reject) => {
    let answered = false;
    let cancelled = false;
    rl.on('SIGINT', () => {
      cancelled = true;
      rl.close();
    });
    rl.on('close', () => {
      process.stdout.write('\n');
      if (answered) return;
      if (cancelled) reject(new Error('password prompt cancelled'));
      else reject(new Error('input ended before a password was entered; type it or set MESSENGER_PASSWORD'));
    });
    rl.question(prompt, (password) => {
      answered = true;
      rl.close();
      if (password.length === 0) reject(new Error('the password is empty; type it or set MESSENGER_PASSWORD'));
      else resolve(password);
    });
    // question() has written the prompt by now, so muting from here on hides only the typed characters.
    muted = true;
  });
}
