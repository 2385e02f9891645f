import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const committed = path.join(root, 'libs/grpc/src/generated');

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe('generated proto types', () => {
  it('match the protos', () => {
    const fresh = fs.mkdtempSync(path.join(os.tmpdir(), 'proto-types-'));
    execFileSync(process.execPath, [path.join(root, 'tools/generate-proto-types.js'), fresh], { cwd: root });

    const files = listFiles(fresh);
    expect(listFiles(committed)).toEqual(files);
    for (const file of files) {
      const expected = fs.readFileSync(path.join(fresh, file), 'utf8');
      expect({ file, text: fs.readFileSync(path.join(committed, file), 'utf8') }).toEqual({ file, text: expected });
    }
    fs.rmSync(fresh, { recursive: true, force: true });
  });
});
