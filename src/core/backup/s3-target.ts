import fs from 'node:fs';
import fsp from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { S3Client } from '@aws-sdk/client-s3';
import type { BackupS3Config } from '../../config.js';
import { loadS3, loadS3Upload } from '../lazy-libs.js';
import { BACKUP_EXTENSION } from './backup.rules.js';

/**
 * Part size of a multipart upload. A backup larger than one part goes up in parts (S3 takes at most
 * 5 GB in one PutObject). The upload manager holds about four parts in memory (`QUEUE_SIZE` in
 * flight, the one being read and its copy): 16 MiB parts keep `clocher backup` near 200 MB. S3
 * allows 10,000 parts, 160 GB at this size; a larger backup gets larger parts.
 */
export const PART_SIZE = 16 * 1024 * 1024;
const MAX_PARTS = 10_000;
const QUEUE_SIZE = 2;

/**
 * A copy of each backup in an S3-compatible bucket. With object lock (compliance mode, set per
 * object when `lockDays` > 0, or the bucket's default retention) not even the server's own
 * credentials can delete or overwrite a backup before its date: the copy survives a ransomware
 * that took the server.
 */
export class S3BackupTarget {
  private client: S3Client | undefined;
  private readonly partSize: number;

  /** `partSize`: at least 5 MiB (S3's minimum); smaller in tests than `PART_SIZE`. */
  constructor(
    private readonly config: BackupS3Config,
    options: { client?: S3Client; partSize?: number } = {},
  ) {
    this.client = options.client;
    this.partSize = options.partSize ?? PART_SIZE;
  }

  /** The SDK, loaded at the first request (a web process seldom needs it), and the client. */
  private async sdk(): Promise<{ s3: typeof import('@aws-sdk/client-s3'); client: S3Client }> {
    const s3 = await loadS3();
    const { config } = this;
    this.client ??= new s3.S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.endpoint !== undefined,
      credentials:
        config.accessKeyId && config.secretAccessKey
          ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
          : undefined,
    });
    return { s3, client: this.client };
  }

  /** Where the bucket is, for messages. */
  describe(): string {
    return `s3://${this.config.bucket}/${this.config.prefix}`;
  }

  private key(name: string): string {
    return `${this.config.prefix}${name}${BACKUP_EXTENSION}`;
  }

  /**
   * Uploads a backup file, streamed from disk; with lockDays, locked in compliance mode until
   * `now + lockDays`. Up to one part it is a single PutObject; above, a multipart upload whose
   * parts go `QUEUE_SIZE` at a time, aborted on failure so that no part is left in the bucket.
   * Each request carries a CRC32 checksum: an object-lock bucket refuses a PutObject or UploadPart
   * without one (or a Content-MD5).
   */
  async upload(name: string, file: string, now: Date): Promise<string> {
    const { client } = await this.sdk();
    const Upload = await loadS3Upload();
    const size = (await fsp.stat(file)).size;
    const key = this.key(name);
    const lock =
      this.config.lockDays > 0
        ? {
            ObjectLockMode: 'COMPLIANCE' as const,
            ObjectLockRetainUntilDate: new Date(now.getTime() + this.config.lockDays * 86_400_000),
          }
        : {};
    const body = fs.createReadStream(file);
    const upload = new Upload({
      client,
      partSize: Math.max(this.partSize, Math.ceil(size / MAX_PARTS)),
      queueSize: QUEUE_SIZE,
      params: {
        Bucket: this.config.bucket,
        Key: key,
        Body: body,
        ContentLength: size,
        ContentType: 'application/octet-stream',
        ChecksumAlgorithm: 'CRC32',
        ...lock,
      },
    });
    try {
      await upload.done();
    } catch (error) {
      throw new Error(`copy to ${this.describe()} failed: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    } finally {
      body.destroy();
    }
    return key;
  }

  /** The backup names in the bucket, oldest first. */
  async list(): Promise<string[]> {
    const { s3, client } = await this.sdk();
    const names: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(
        new s3.ListObjectsV2Command({
          Bucket: this.config.bucket,
          Prefix: this.config.prefix,
          ContinuationToken: token,
        }),
      );
      for (const o of page.Contents ?? []) {
        const rest = (o.Key ?? '').slice(this.config.prefix.length);
        if (rest.endsWith(BACKUP_EXTENSION) && !rest.includes('/')) names.push(rest.slice(0, -BACKUP_EXTENSION.length));
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return names.sort();
  }

  /** Downloads a backup into a local file. */
  async download(name: string, file: string): Promise<void> {
    const { s3, client } = await this.sdk();
    const res = await client.send(new s3.GetObjectCommand({ Bucket: this.config.bucket, Key: this.key(name) }));
    if (!res.Body) throw new Error(`empty object for ${name}`);
    await pipeline(res.Body as Readable, fs.createWriteStream(file, { mode: 0o600 }));
  }

  /** Deletes a backup; a locked object refuses, which the caller logs and ignores. */
  async delete(name: string): Promise<void> {
    const { s3, client } = await this.sdk();
    await client.send(new s3.DeleteObjectCommand({ Bucket: this.config.bucket, Key: this.key(name) }));
  }

  close(): void {
    this.client?.destroy();
  }
}
