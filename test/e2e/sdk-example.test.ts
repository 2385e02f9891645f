/** The SDK README's example, run as a user would run it, against the test system. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { useTestSystem } from './support/system';

const ROOT = path.resolve(__dirname, '..', '..');
const system = useTestSystem();

describe('SDK example', () => {
  it('chats from alice to bob until the read mark', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['-r', './tools/register-aliases.js', 'dist/libs/sdk/examples/two-users.js'],
      { cwd: ROOT, env: { ...process.env, MESSENGER_URL: system.baseUrl('gateway-b') }, timeout: 30_000 },
    );

    expect(stdout).toContain('bob received seq 1: Hello, Bob!');
    const states = stdout
      .trim()
      .split('\n')
      .filter((line) => line.startsWith("alice's"))
      .map((line) => line.replace("alice's message is ", ''));
    // A read receipt that arrives first covers delivery too, so "delivered" may be skipped.
    expect(states.filter((state) => state !== 'delivered')).toEqual(['pending', 'sent', 'read']);
  });
});
