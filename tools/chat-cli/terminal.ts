import * as readline from 'node:readline';
import { sanitizeForTerminal } from './render';

const PROMPT = '> ';

/**
 * The interactive prompt. Lines printed while the user types appear above
 * the prompt, and the partly typed input is drawn again below them.
 */
export class Terminal {
  private readonly rl: readline.Interface;
  private reading = false;

  constructor(
    private readonly input: NodeJS.ReadStream = process.stdin,
    private readonly output: NodeJS.WriteStream = process.stdout,
  ) {
    this.rl = readline.createInterface({ input, output, prompt: PROMPT, historySize: 100 });
  }

  /** Shows the prompt and calls the handler for each line the user enters, prompting again after it settles. */
  onLine(handler: (line: string) => Promise<void>): void {
    this.reading = true;
    this.rl.prompt();
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

  /** Prints lines above the prompt, with control characters from the network replaced. */
  print(text: string): void {
    const redraw = this.reading && this.output.isTTY;
    if (redraw) {
      readline.clearLine(this.output, 0);
      readline.cursorTo(this.output, 0);
    }
    this.output.write(`${sanitizeForTerminal(text)}\n`);
    if (redraw) this.rl.prompt(true);
  }

  close(): void {
    this.reading = false;
    this.rl.removeAllListeners('close');
    this.rl.close();
  }
}
