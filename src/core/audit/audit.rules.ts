import { sha256Hex } from '../crypto.js';

/** Pure rules of the audit chain: what is hashed, and how. */

export const GENESIS_HASH = '0'.repeat(64);

/** Advisory-lock space of the audit chains (PostgreSQL); the key is the commune id (0: platform). */
export const AUDIT_LOCK_SPACE = 0x0a0d17;

export const chainOf = (communeId: number | null): string => (communeId === null ? 'platform' : `commune:${communeId}`);

export interface HashedPart {
  chain: string;
  seq: number;
  occurredAt: string;
  action: string;
  actorUserId: number | null;
  objectType: string | null;
  objectId: string | null;
  /** JSON text of non-personal details. */
  details: string;
  /** Digest of the personal part, or null: the personal data itself is never hashed in. */
  personalDigest: string | null;
}

/** hash = SHA-256(prev_hash ‖ canonical JSON of the hashed part). */
export function eventHash(prevHash: string, part: HashedPart): string {
  const canonical = JSON.stringify([
    part.chain,
    part.seq,
    part.occurredAt,
    part.action,
    part.actorUserId,
    part.objectType,
    part.objectId,
    part.details,
    part.personalDigest,
  ]);
  return sha256Hex(`${prevHash}\n${canonical}`);
}

/** Digest of the personal part, salted by chain and seq so equal values do not give equal digests. */
export function personalDigest(chain: string, seq: number, personal: string | null): string | null {
  return personal === null ? null : sha256Hex(`${chain}:${seq}:${personal}`);
}
