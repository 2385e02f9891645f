import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError } from '@messenger/config';
import { MEDIA_DEFAULTS, readMediaConfig } from './media.config';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    readMediaConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }

  return [];
}

describe('readMediaConfig', () => {
  let keyDir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(() => {
    keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'media-config-'));
    fs.writeFileSync(path.join(keyDir, 'url.key'), Buffer.alloc(32, 1));
    fs.writeFileSync(path.join(keyDir, 'short.key'), Buffer.alloc(16, 1));
    env = {
      MEDIA_URL_SIGNING_KEY_FILE: path.join(keyDir, 'url.key'),
      MEDIA_S3_ACCESS_KEY_ID: 'access',
      MEDIA_S3_SECRET_ACCESS_KEY: 'secret',
    };
  });

  afterAll(() => fs.rmSync(keyDir, { recursive: true, force: true }));

  it('applies the documented defaults', () => {
    const sut = readMediaConfig(env);

    expect(sut.httpPort).toBe(3104);
    expect(sut.grpcPort).toBe(50054);
    expect(sut.metricsPort).toBe(9104);
    expect(sut.maxUploadBytes).toBe(100 * 1024 * 1024);
    expect(sut.maxImagePixels).toBe(MEDIA_DEFAULTS.maxImagePixels);
    expect(sut.s3Endpoint).toBe('http://127.0.0.1:9000');
    expect(sut.s3Bucket).toBe('messenger-media');
    expect(sut.s3ForcePathStyle).toBe(true);
    expect(sut.urlSigningKey).toHaveLength(32);
  });

  it('names every missing secret', () => {
    const problems = problemsOf({});

    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('MEDIA_S3_ACCESS_KEY_ID is missing'),
        expect.stringContaining('MEDIA_S3_SECRET_ACCESS_KEY is missing'),
        expect.stringContaining('MEDIA_URL_SIGNING_KEY_FILE is missing'),
      ]),
    );
  });

  it('rejects invalid key, endpoint and limit', () => {
    const problems = problemsOf({
      ...env,
      MEDIA_URL_SIGNING_KEY_FILE: path.join(keyDir, 'short.key'),
      MEDIA_S3_ENDPOINT: 'ftp://127.0.0.1:9000',
      MEDIA_MAX_UPLOAD_BYTES: '0',
    });

    expect(problems).toHaveLength(3);
    expect(problems[0]).toContain('MEDIA_S3_ENDPOINT');
  });
});
