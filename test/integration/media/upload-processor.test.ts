/**
 * The media service's processing of finished uploads against the real
 * Cassandra (a keyspace of its own) and the real S3 server of
 * deploy/local/up.sh (a bucket of its own): content addressing, thumbnails,
 * rejections, and the clean-up of upload objects.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { CreateBucketCommand, DeleteBucketCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { CassandraClient, connectWithRetry, createCassandraClient, runMigrations } from '@messenger/cassandra';
import { createLogger } from '@messenger/logging';
import { AppError, ErrorCode } from '@messenger/protocol';
import { MediaConfig } from '../../../apps/media/src/config/media.config';
import { MediaFilesRepository } from '../../../apps/media/src/files/media-files.repository';
import { UploadProcessor } from '../../../apps/media/src/processing/upload-processor';
import { ObjectStorage } from '../../../apps/media/src/storage/object-storage';
import { uploadKey } from '../../../apps/media/src/storage/object-keys';
import { CASSANDRA_CONTACT_POINTS } from '../support/servers';

const logger = createLogger('media-it', 'silent');
const suffix = randomBytes(4).toString('hex');
const keyspace = `media_it_${suffix}`;
const config = {
  s3Endpoint: process.env.MEDIA_S3_ENDPOINT ?? `http://127.0.0.1:${process.env.S3_PORT ?? 9000}`,
  s3Region: 'us-east-1',
  s3Bucket: `media-it-${suffix}`,
  s3AccessKeyId: process.env.MEDIA_S3_ACCESS_KEY_ID ?? 'messenger-local',
  s3SecretAccessKey: process.env.MEDIA_S3_SECRET_ACCESS_KEY ?? 'messenger-local-secret',
  s3ForcePathStyle: true,
  maxUploadBytes: 10 * 1024 * 1024,
  maxImagePixels: 4_000_000,
} as MediaConfig;

let cassandra: CassandraClient;
let storage: ObjectStorage;
let files: MediaFilesRepository;
let sut: UploadProcessor;

beforeAll(async () => {
  cassandra = createCassandraClient({ contactPoints: CASSANDRA_CONTACT_POINTS, localDataCenter: 'datacenter1', keyspace }, logger);
  await connectWithRetry(cassandra, logger, 120_000);
  await runMigrations(
    cassandra,
    {
      keyspace,
      replication: "{'class': 'SimpleStrategy', 'replication_factor': 1}",
      dir: path.resolve(__dirname, '../../../deploy/cassandra/migrations'),
    },
    logger,
  );
  await cassandra.execute(`USE ${keyspace}`);
  storage = new ObjectStorage(config);
  await storage.client.send(new CreateBucketCommand({ Bucket: config.s3Bucket }));
  files = new MediaFilesRepository(cassandra);
  sut = new UploadProcessor(files, storage, config, logger);
});

afterAll(async () => {
  await storage.delete(await listKeys());
  await storage.client.send(new DeleteBucketCommand({ Bucket: config.s3Bucket }));
  storage.close();
  await cassandra.execute(`DROP KEYSPACE IF EXISTS ${keyspace}`);
  await cassandra.shutdown();
});

async function listKeys(prefix = ''): Promise<string[]> {
  const page = await storage.client.send(new ListObjectsV2Command({ Bucket: config.s3Bucket, Prefix: prefix }));

  return (page.Contents ?? []).map((object) => object.Key!).sort();
}

/** Stores content where the tus S3 store leaves a finished upload, with its file row. */
async function finishedUpload(content: Buffer, name: string): Promise<string> {
  const fileId = randomUUID();
  await files.createUpload(fileId, randomUUID(), name, content.length);
  await storage.put(uploadKey(fileId), content, 'application/octet-stream');
  await storage.put(`${uploadKey(fileId)}.info`, Buffer.alloc(0), 'application/octet-stream');

  return fileId;
}

async function processOrCode(fileId: string): Promise<string> {
  try {
    await sut.process((await files.find(fileId))!);

    return 'ready';
  } catch (error) {
    return (error as AppError).code;
  }
}

describe('UploadProcessor', () => {
  it('stores one blob for identical uploads', async () => {
    const image = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#123456' } }).jpeg().toBuffer();
    const digest = createHash('sha256').update(image).digest('hex');
    const first = await finishedUpload(image, 'a.jpg');
    const second = await finishedUpload(image, 'b.jpg');

    expect(await processOrCode(first)).toBe('ready');
    expect(await processOrCode(second)).toBe('ready');

    expect(await listKeys('blobs/')).toEqual([`blobs/${digest.slice(0, 2)}/${digest}`]);
    expect(await listKeys(`thumbnails/${digest.slice(0, 2)}/${digest}/`)).toHaveLength(3);
    expect(await listKeys('uploads/')).toEqual([]);
    const [firstFile, secondFile] = [await files.find(first), await files.find(second)];
    expect(secondFile).toMatchObject({ status: 'ready', sha256: digest, contentType: 'image/jpeg', width: 800, height: 600 });
    expect(secondFile?.thumbnails).toEqual(firstFile?.thumbnails);
    expect(await files.findBlob(digest)).toMatchObject({ byteSize: image.length, contentType: 'image/jpeg' });
  });

  it('rejects an image over the pixel limit and deletes its upload', async () => {
    const image = await sharp({ create: { width: 2500, height: 2000, channels: 3, background: '#000000' } }).png().toBuffer();
    const fileId = await finishedUpload(image, 'big.png');

    expect(await processOrCode(fileId)).toBe(ErrorCode.IMAGE_TOO_LARGE);
    expect(await files.find(fileId)).toMatchObject({ status: 'rejected', rejectCode: ErrorCode.IMAGE_TOO_LARGE });
    expect(await listKeys(uploadKey(fileId))).toEqual([]);
  });

  it('rejects markup and keeps no blob of it', async () => {
    const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(${suffix})</script></svg>`);
    const fileId = await finishedUpload(svg, 'logo.png');

    expect(await processOrCode(fileId)).toBe(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
    const digest = createHash('sha256').update(svg).digest('hex');
    expect(await files.findBlob(digest)).toBeUndefined();
  });
});
