import {
  constants,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  type KeyObject,
  privateDecrypt,
  publicEncrypt,
} from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * The backup key pair. The server holds only the public key: it wraps each backup's fresh data
 * key with it (RSA-OAEP-4096, SHA-256), so it can back up alone but never read a backup back. The
 * private key is kept as encrypted PKCS#8 PEM (AES-256-CBC under a key derived from the
 * passphrase), needed only to verify or restore; its holder keeps a copy off the server.
 */

export const WRAPPING = 'RSA-OAEP-4096-SHA256';

export class BackupKeyError extends Error {}

/** Short id of a public key (SHA-256 of its DER), written in each backup to name the key needed. */
export function keyId(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex')
    .slice(0, 16);
}

const exists = (file: string) =>
  fsp.access(file).then(
    () => true,
    () => false,
  );

/**
 * Creates the pair: the public key (mode 0644) and the passphrase-protected private key (0600).
 * Refuses to replace an existing key: the backups made with it could no longer be read.
 */
export async function createKeyPair(
  files: { publicKeyFile: string; privateKeyFile: string },
  passphrase: string,
): Promise<{ keyId: string }> {
  for (const file of [files.publicKeyFile, files.privateKeyFile]) {
    if (await exists(file)) throw new BackupKeyError(`${file} already exists: a backup key is already set up`);
  }
  const pair = await promisify(generateKeyPair)('rsa', {
    modulusLength: 4096,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase },
  });
  await fsp.mkdir(path.dirname(files.privateKeyFile), { recursive: true });
  await fsp.mkdir(path.dirname(files.publicKeyFile), { recursive: true });
  await fsp.writeFile(files.privateKeyFile, pair.privateKey, { mode: 0o600, flag: 'wx' });
  await fsp.writeFile(files.publicKeyFile, pair.publicKey, { mode: 0o644, flag: 'wx' });
  return { keyId: keyId(createPublicKey(pair.publicKey)) };
}

/** True when the public key exists (the server can back up). */
export const hasPublicKey = (file: string): Promise<boolean> => exists(file);

export async function loadPublicKey(file: string): Promise<KeyObject> {
  let pem: string;
  try {
    pem = await fsp.readFile(file, 'utf8');
  } catch {
    throw new BackupKeyError(`no backup public key at ${file}: run \`clocher backup init\` first`);
  }
  return createPublicKey(pem);
}

/** Unlocks the private key; a wrong passphrase gives a plain BackupKeyError. */
export async function loadPrivateKey(file: string, passphrase: string): Promise<KeyObject> {
  let pem: string;
  try {
    pem = await fsp.readFile(file, 'utf8');
  } catch {
    throw new BackupKeyError(`no backup private key at ${file} (set CLOCHER_BACKUP_PRIVATE_KEY to its copy)`);
  }
  try {
    return createPrivateKey({ key: pem, format: 'pem', passphrase });
  } catch {
    throw new BackupKeyError('the passphrase does not unlock the backup private key');
  }
}

const OAEP = { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' } as const;

export const wrapKey = (publicKey: KeyObject, dataKey: Buffer): Buffer =>
  publicEncrypt({ key: publicKey, ...OAEP }, dataKey);

export function unwrapKey(privateKey: KeyObject, wrapped: Buffer): Buffer {
  try {
    return privateDecrypt({ key: privateKey, ...OAEP }, wrapped);
  } catch {
    throw new BackupKeyError('this backup was made with another key');
  }
}
