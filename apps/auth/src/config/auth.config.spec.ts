import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '@messenger/config';
import { readAuthConfig } from './auth.config';

function keyFile(): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'auth-config-')), 'auth.pem');
  fs.writeFileSync(file, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }));

  return file;
}

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    readAuthConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }

  return [];
}

describe('readAuthConfig', () => {
  it('has defaults for everything but the signing key', () => {
    const file = keyFile();
    const config = readAuthConfig({ AUTH_SIGNING_KEY_FILE: file });

    expect(config).toMatchObject({
      redisUrl: 'redis://127.0.0.1:6379',
      kafkaBrokers: ['127.0.0.1:9092'],
      cassandraContactPoints: ['127.0.0.1:9042'],
      cassandraKeyspace: 'messenger',
      httpPort: 3101,
      grpcPort: 50051,
      metricsPort: 9101,
      signingKeyId: undefined,
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 2_592_000,
      loginMaxAttempts: 10,
      loginWindowSeconds: 300,
      registerMaxPerIp: 20,
    });
    expect(config.signingKeyFile.path).toBe(file);
    expect(config.signingKeyFile.key.privateKey.asymmetricKeyType).toBe('ed25519');
  });

  it('requires the signing key file', () => {
    expect(problemsOf({})).toEqual([
      'AUTH_SIGNING_KEY_FILE is missing; generate a key with "openssl genpkey -algorithm ed25519 -out auth.pem"',
    ]);
  });

  it('names every bad variable at once and never prints the key path', () => {
    const problems = problemsOf({
      AUTH_SIGNING_KEY_FILE: '/secret/place/auth.pem',
      AUTH_ACCESS_TOKEN_TTL_SECONDS: '4',
      AUTH_LOGIN_MAX_ATTEMPTS: 'ten',
      GRPC_PORT: '70000',
    });

    expect(problems).toEqual([
      'GRPC_PORT must be at most 65535, got 70000',
      'AUTH_SIGNING_KEY_FILE: cannot read the key file: ENOENT',
      'AUTH_ACCESS_TOKEN_TTL_SECONDS must be at least 5, got 4',
      'AUTH_LOGIN_MAX_ATTEMPTS must be an integer, got "ten"',
    ]);
    expect(problems.join(' ')).not.toContain('/secret/place');
  });

  it('wants refresh tokens to outlive access tokens', () => {
    expect(
      problemsOf({
        AUTH_SIGNING_KEY_FILE: keyFile(),
        AUTH_ACCESS_TOKEN_TTL_SECONDS: '3600',
        AUTH_REFRESH_TOKEN_TTL_SECONDS: '600',
      }),
    ).toEqual(['AUTH_REFRESH_TOKEN_TTL_SECONDS (600) must be greater than AUTH_ACCESS_TOKEN_TTL_SECONDS (3600)']);
  });
});
