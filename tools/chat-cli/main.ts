import { hostname } from 'node:os';
import { parseArgs } from 'node:util';
import { ChatSession } from './chat-session';
import { readPassword } from './password-prompt';
import { describeError } from './render';
import { Terminal } from './terminal';

const DEFAULT_GATEWAY_URL = 'http://127.0.0.1:8080';
const DEVICE_ID_PATTERN = /^[A-Za-z0-9._:-]{1,64}$/;

export const USAGE = `usage: npm run chat -- --user <username> [options]

options:
  --gateway <url>   gateway base URL (default ${DEFAULT_GATEWAY_URL}); repeat it to name
                    more gateways, which reconnects try in turn
  --user <name>     username to log in as (required)
  --device <id>     device id, 1-64 characters of A-Z a-z 0-9 . _ : - (default cli-<hostname>)
  --register        register the user first; an existing account is logged in
  --verbose         also show token refreshes, heartbeat errors and socket errors
  --help            show this text

The password is read from MESSENGER_PASSWORD, or prompted for without echo.`;

export interface CliOptions {
  gatewayUrls: string[];
  username: string;
  deviceId: string;
  register: boolean;
  verbose: boolean;
}

/** Raised for invalid command-line arguments; main prints it with the usage text. */
export class UsageError extends Error {}

/** Parses and validates the command line, and returns undefined for --help. */
export function parseCliArgs(args: string[], host = hostname()): CliOptions | undefined {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        gateway: { type: 'string', multiple: true },
        user: { type: 'string' },
        device: { type: 'string' },
        register: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(describeError(error));
  }
  if (values.help) return undefined;

  const gatewayUrls = values.gateway ?? [DEFAULT_GATEWAY_URL];
  for (const url of gatewayUrls) {
    if (!isHttpUrl(url)) throw new UsageError(`--gateway must be an http:// or https:// URL, got "${url}"`);
  }
  if (!values.user) throw new UsageError('--user is missing; pass the username to log in as');
  const deviceId = values.device ?? defaultDeviceId(host);
  if (!DEVICE_ID_PATTERN.test(deviceId)) {
    throw new UsageError(`--device must be 1-64 characters of A-Z a-z 0-9 . _ : -, got "${deviceId}"`);
  }

  return { gatewayUrls, username: values.user, deviceId, register: values.register, verbose: values.verbose };
}

/** Derives a device id from the host name, so that restarts on one machine resume from the same position. */
export function defaultDeviceId(host: string): string {
  return `cli-${host.replace(/[^A-Za-z0-9._:-]/g, '-')}`.slice(0, 64);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);

    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

async function main(): Promise<void> {
  let options: CliOptions | undefined;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${describeError(error)}\n\n${USAGE}\n`);
    process.exit(2);
  }
  if (!options) {
    process.stdout.write(`${USAGE}\n`);

    return;
  }

  const password = await readPassword(`password for ${options.username}: `);
  const terminal = new Terminal();
  const session = new ChatSession(terminal, {
    gatewayUrls: options.gatewayUrls,
    deviceId: options.deviceId,
    verbose: options.verbose,
    exit: (code) => process.exit(code),
  });
  try {
    await session.signIn(options.username, password, options.register);
  } catch (error) {
    terminal.print(describeError(error));
    terminal.close();
    process.exit(1);
  }
  await session.start();
}

if (require.main === module) {
  // One line instead of Node's stack trace for anything that escapes the handlers above.
  const failHard = (error: unknown) => {
    process.stderr.write(`error: ${describeError(error)}\n`);
    process.exit(1);
  };
  process.on('uncaughtException', failHard);
  process.on('unhandledRejection', failHard);
  main().catch(failHard);
}
