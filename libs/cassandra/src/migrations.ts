import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Client } from 'cassandra-driver';
import type { Logger } from 'pino';

export interface Migration {
  version: number;
  name: string;
  statements: string[];
  checksum: string;
}

const FILE_PATTERN = /^(\d{3,})_([a-z0-9_]+)\.cql$/;

/** Reads NNN_name.cql files in version order; each statement ends with a semicolon at the end of a line. */
export function readMigrations(dir: string): Migration[] {
  const migrations = fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.cql'))
    .map((file) => {
      const match = FILE_PATTERN.exec(file);
      if (!match) {
        throw new Error(`migration file name "${file}" does not match NNN_name.cql`);
      }
      const text = fs.readFileSync(path.join(dir, file), 'utf8');

      return {
        version: Number(match[1]),
        name: match[2],
        statements: splitStatements(text),
        checksum: createHash('sha256').update(text).digest('hex'),
      };
    })
    .sort((a, b) => a.version - b.version);

  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i].version === migrations[i - 1].version) {
      throw new Error(`two migrations have version ${migrations[i].version}`);
    }
  }

  return migrations;
}

export function splitStatements(text: string): string[] {
  const withoutComments = text
    .split('\n')
    .filter((line) => !line.trim().startsWith('--'))
    .join('\n');

  return withoutComments
    .split(/;\s*(?:\n|$)/)
    .map((statement) => statement.trim())
    .filter(Boolean);
}

/**
 * Creates the keyspace and applies every migration that is not recorded in
 * schema_migrations yet. Statements use IF NOT EXISTS, so a run that stopped
 * half way is safe to repeat. A recorded migration whose file changed is an
 * error: released migrations are never edited, a new one is added instead.
 */
export async function runMigrations(
  client: Client,
  options: { keyspace: string; replication: string; dir: string },
  logger: Logger,
): Promise<number> {
  const { keyspace } = options;
  if (!/^[a-z][a-z0-9_]{0,47}$/.test(keyspace)) {
    throw new Error(`invalid keyspace name "${keyspace}"`);
  }
  await client.execute(
    `CREATE KEYSPACE IF NOT EXISTS ${keyspace} WITH replication = ${options.replication}`,
    [],
    { prepare: false },
  );
  await client.execute(
    `CREATE TABLE IF NOT EXISTS ${keyspace}.schema_migrations (
       version int PRIMARY KEY, name text, checksum text, applied_at timestamp)`,
    [],
    { prepare: false },
  );
  const applied = await client.execute(`SELECT version, name, checksum FROM ${keyspace}.schema_migrations`, [], {
    prepare: false,
  });
  const appliedByVersion = new Map(applied.rows.map((row) => [row.version as number, row.checksum as string]));

  let count = 0;
  for (const migration of readMigrations(options.dir)) {
    const checksum = appliedByVersion.get(migration.version);
    if (checksum !== undefined) {
      if (checksum !== migration.checksum) {
        throw new Error(
          `migration ${migration.version}_${migration.name} changed after it was applied; add a new migration instead`,
        );
      }
      continue;
    }
    for (const statement of migration.statements) {
      await client.execute(statement.replace(/\{keyspace\}/g, keyspace), [], { prepare: false });
    }
    await client.execute(
      `INSERT INTO ${keyspace}.schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)`,
      [migration.version, migration.name, migration.checksum, new Date()],
      { prepare: true },
    );
    logger.info({ version: migration.version, name: migration.name }, 'applied cassandra migration');
    count++;
  }

  return count;
}
