import * as readline from 'node:readline';
import { sanitizeForTerminal } from './render';

const PROMPT = '> ';

/**
 * The interactive prompt. Lines printed while the user types appear above
 * the prompt, and the partly typed input is drawn again below them.
 */
export class Terminal {
  private readonly rl: readline.Interface;

  constructor(
    private readonly input: NodeJS.ReadStream = process.stdin,
    private readonly output: NodeJS.WriteStream = process.stdout,
  ) {
    this.rl = readline.createInterface({ input, output, prompt: PROMPT, historySize: 100 });
  }

  /** Calls the handler for each line the user enters; the prompt is shown again after it settles. */
  onLine(handler: (line: string) => Promise<void>): void {
    this.rl.on('line', (line) => {
      handler(line)
        .catch((error: unknown) => this.print(`error: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => this.rl.prompt());
    });
  }

  /** Calls the handler on Ctrl+C and on end of input (Ctrl+D). */
  onExit(handler: () => void): void {
    this.rl.on('SIGINT', handler);
    this.rl.on('close', handler);
  }

  prompt(): void {
    this.rl.prompt();
  }

  /** Prints lines above the prompt, with control characters from the network replaced. */
  print(text: string): void {
    if (this.output.isTTY) {
      readline.clearLine(this.output, 0);
      readline.cursorTo(this.output, 0);
    }
    this.output.write(`${sanitizeForTerminal(text)}\n`);
    if (this.output.isTTY) this.rl.prompt(true);
  }

  close(): void {
    this.rl.removeAllListeners('close');
    this.rl.close();
  }
}
