import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { generateSecret, generateURI, verify } from 'otplib';
import type { DB } from '../../db/schema.js';
import { sha256Hex } from '../crypto.js';
import { loadQrCode } from '../lazy-libs.js';

/** TOTP second factor: RFC 6238, 30-second steps, 6 digits, one step of clock drift allowed. */

type Db = Kysely<DB>;
const STEP_SECONDS = 30;
export const RECOVERY_CODE_COUNT = 10;

const keyOf = (instanceSecret: string) => createHash('sha256').update(`totp:${instanceSecret}`).digest();

/** AES-256-GCM, so that a copy of the database alone does not give the second factors away. */
export function encryptSecret(instanceSecret: string, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(instanceSecret), iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url')).join('.');
}

export function decryptSecret(instanceSecret: string, sealed: string): string {
  const [iv, tag, data] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'));
  if (!iv || !tag || !data) throw new Error('malformed TOTP secret');
  const decipher = createDecipheriv('aes-256-gcm', keyOf(instanceSecret), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
}

/** "k7m2-p9xq": easy to copy from paper, no ambiguous characters. */
export function newRecoveryCodes(): string[] {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(8);
    const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
    return `${chars.slice(0, 4)}-${chars.slice(4)}`;
  });
}

export const hashRecoveryCode = (code: string): string =>
  sha256Hex(`recovery:${code.trim().toLowerCase().replace(/\s/g, '')}`);

/** A new secret with what the user needs to add it to an app: the otpauth URI as a QR code (SVG data URL). */
export async function newEnrolment(
  issuer: string,
  label: string,
): Promise<{ secret: string; uri: string; qrDataUrl: string }> {
  return enrolmentFor(generateSecret(), issuer, label);
}

/** The otpauth URI and QR code of an existing secret. */
export async function enrolmentFor(
  secret: string,
  issuer: string,
  label: string,
): Promise<{ secret: string; uri: string; qrDataUrl: string }> {
  const uri = generateURI({ issuer, label, secret });
  const QRCode = await loadQrCode();
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, uri, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
}

/** The time step a code was valid for, or null when it is wrong. */
export async function verifyCode(secret: string, code: string, now: Date): Promise<number | null> {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const epoch = Math.floor(now.getTime() / 1000);
  const result = await verify({ secret, token, epoch, epochTolerance: STEP_SECONDS });
  if (!result.valid) return null;
  return Math.floor(epoch / STEP_SECONDS) + ('delta' in result ? (result.delta ?? 0) : 0);
}

export interface TotpRecord {
  userId: number;
  secretEnc: string;
  confirmed: boolean;
  recoveryHashes: string[];
  lastStep: number;
}

export async function findTotp(db: Db, userId: number): Promise<TotpRecord | undefined> {
  const r = await db.selectFrom('user_totp').selectAll().where('user_id', '=', userId).executeTakeFirst();
  return (
    r && {
      userId: r.user_id,
      secretEnc: r.secret_enc,
      confirmed: r.confirmed_at !== null,
      recoveryHashes: JSON.parse(r.recovery_codes) as string[],
      lastStep: r.last_step,
    }
  );
}

export async function saveTotp(db: Db, userId: number, secretEnc: string, now: string): Promise<void> {
  await db.deleteFrom('user_totp').where('user_id', '=', userId).execute();
  await db.insertInto('user_totp').values({ user_id: userId, secret_enc: secretEnc, created_at: now }).execute();
}

export async function confirmTotp(
  db: Db,
  userId: number,
  step: number,
  recoveryHashes: string[],
  now: string,
): Promise<void> {
  await db
    .updateTable('user_totp')
    .set({ confirmed_at: now, last_step: step, recovery_codes: JSON.stringify(recoveryHashes) })
    .where('user_id', '=', userId)
    .execute();
}

/** Records a used code: only a later step is accepted next time (no replay). False if raced. */
export async function useStep(db: Db, userId: number, step: number): Promise<boolean> {
  const r = await db
    .updateTable('user_totp')
    .set({ last_step: step })
    .where('user_id', '=', userId)
    .where('last_step', '<', step)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function setRecoveryHashes(db: Db, userId: number, hashes: string[]): Promise<void> {
  await db
    .updateTable('user_totp')
    .set({ recovery_codes: JSON.stringify(hashes) })
    .where('user_id', '=', userId)
    .execute();
}

export async function deleteTotp(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('user_totp').where('user_id', '=', userId).execute();
}
