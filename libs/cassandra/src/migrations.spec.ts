import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readMigrations, splitStatements } from './migrations';

describe('splitStatements', () => {
  it('splits on semicolons at line ends and drops comments', () => {
    const text = '-- users\nCREATE TABLE a (x int PRIMARY KEY);\n\nCREATE TABLE b (y text PRIMARY KEY);\n';

    expect(splitStatements(text)).toEqual(['CREATE TABLE a (x int PRIMARY KEY)', 'CREATE TABLE b (y text PRIMARY KEY)']);
  });
});

describe('readMigrations', () => {
  function dirWith(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);

    return dir;
  }

  it('orders migrations by version', () => {
    const dir = dirWith({ '002_b.cql': 'SELECT 2;', '001_a.cql': 'SELECT 1;' });

    expect(readMigrations(dir).map((m) => m.version)).toEqual([1, 2]);
  });

  it('rejects a badly named file', () => {
    const dir = dirWith({ 'users.cql': 'SELECT 1;' });

    expect(() => readMigrations(dir)).toThrow('does not match NNN_name.cql');
  });

  it('rejects two files with one version', () => {
    const dir = dirWith({ '001_a.cql': 'SELECT 1;', '001_b.cql': 'SELECT 2;' });

    expect(() => readMigrations(dir)).toThrow('two migrations have version 1');
  });
});
