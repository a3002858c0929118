import { createCipheriv, createDecipheriv, type KeyObject, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { PassThrough, type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { keyId, unwrapKey, WRAPPING, wrapKey } from './keys.js';

/**
 * The encrypted file of a backup:
 *   `CLOCHER-BACKUP 1\n` · header JSON · `\n` · AES-256-GCM ciphertext · 16-byte tag.
 * The header (authenticated as GCM additional data) carries the data key wrapped by the public
 * key and facts anyone may read without the key: name, date, engine.
 */

const MAGIC = 'CLOCHER-BACKUP 1\n';
const TAG_BYTES = 16;
const MAX_HEADER = 64 * 1024;

export interface EnvelopeHeader {
  name: string;
  createdAt: string;
  engine: string;
  keyId: string;
  wrapping: string;
  cipher: 'aes-256-gcm';
  wrappedKey: string;
  iv: string;
}

export class EnvelopeError extends Error {}

/** Counts the bytes going through (progress). */
export function byteCounter(onBytes: (n: number) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      onBytes(chunk.length);
      done(null, chunk);
    },
  });
}

/**
 * Encrypts `source` into `file` with a fresh data key wrapped by `publicKey`. Writes to a
 * temporary file renamed at the end, so a half-written backup never carries a backup's name.
 * Returns the size written.
 */
export async function encryptToFile(
  source: Readable,
  file: string,
  publicKey: KeyObject,
  facts: { name: string; createdAt: string; engine: string },
): Promise<number> {
  const dataKey = randomBytes(32);
  const iv = randomBytes(12);
  const header: EnvelopeHeader = {
    ...facts,
    keyId: keyId(publicKey),
    wrapping: WRAPPING,
    cipher: 'aes-256-gcm',
    wrappedKey: wrapKey(publicKey, dataKey).toString('base64'),
    iv: iv.toString('base64'),
  };
  const prelude = Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`, 'utf8');
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
  cipher.setAAD(prelude);
  const tmp = `${file}.partial`;
  const out = fs.createWriteStream(tmp, { mode: 0o600 });
  try {
    out.write(prelude);
    await pipeline(source, cipher, out, { end: false });
    const tag = cipher.getAuthTag();
    await new Promise<void>((resolve, reject) => {
      out.end(tag, () => resolve());
      out.once('error', reject);
    });
    const handle = await fsp.open(tmp, 'r+');
    await handle.sync().finally(() => handle.close());
    await fsp.rename(tmp, file);
  } catch (error) {
    out.destroy();
    await fsp.rm(tmp, { force: true });
    throw error;
  }
  return (await fsp.stat(file)).size;
}

/** Reads the clear header of a backup file (no key needed). */
export async function readHeader(file: string): Promise<{ header: EnvelopeHeader; prelude: Buffer }> {
  const handle = await fsp.open(file, 'r');
  try {
    const buf = Buffer.alloc(MAX_HEADER);
    const { bytesRead } = await handle.read(buf, 0, MAX_HEADER, 0);
    const head = buf.subarray(0, bytesRead);
    if (!head.subarray(0, MAGIC.length).equals(Buffer.from(MAGIC))) throw new EnvelopeError('not a Clocher backup');
    const end = head.indexOf(0x0a, MAGIC.length);
    if (end < 0) throw new EnvelopeError('damaged backup header');
    const header = JSON.parse(head.subarray(MAGIC.length, end).toString('utf8')) as EnvelopeHeader;
    if (header.cipher !== 'aes-256-gcm' || header.wrapping !== WRAPPING) {
      throw new EnvelopeError(`unknown backup encryption ${header.cipher}/${header.wrapping}`);
    }
    return { header, prelude: head.subarray(0, end + 1) };
  } finally {
    await handle.close();
  }
}

/**
 * The decrypted content of a backup file as a stream. The GCM tag is checked when the stream
 * ends: a consumer must treat what it wrote as valid only once the stream has finished cleanly.
 */
export async function decryptFile(file: string, privateKey: KeyObject): Promise<Readable> {
  const { header, prelude } = await readHeader(file);
  const size = (await fsp.stat(file)).size;
  if (size < prelude.length + TAG_BYTES) throw new EnvelopeError('truncated backup');
  const tag = Buffer.alloc(TAG_BYTES);
  const handle = await fsp.open(file, 'r');
  try {
    await handle.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
  } finally {
    await handle.close();
  }
  const dataKey = unwrapKey(privateKey, Buffer.from(header.wrappedKey, 'base64'));
  const decipher = createDecipheriv('aes-256-gcm', dataKey, Buffer.from(header.iv, 'base64'));
  decipher.setAAD(prelude);
  decipher.setAuthTag(tag);
  const body = fs.createReadStream(file, { start: prelude.length, end: size - TAG_BYTES - 1 });
  const out = new PassThrough();
  decipher.pipe(out);
  pipeline(body, decipher).catch((error: unknown) =>
    out.destroy(new EnvelopeError(`the backup is damaged or was altered (${(error as Error).message})`)),
  );
  return out;
}
