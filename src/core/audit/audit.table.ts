import type { Generated } from 'kysely';

export interface AuditChainTable {
  chain: string;
  seq: number;
  hash: string;
}

export interface AuditEventTable {
  id: Generated<number>;
  chain: string;
  seq: number;
  commune_id: number | null;
  occurred_at: string;
  action: string;
  actor_user_id: number | null;
  object_type: string | null;
  object_id: string | null;
  details: string;
  personal: string | null;
  personal_digest: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditCheckpointTable {
  chain: string;
  /** Sequence number and hash of the last purged event: the chain goes on from there. */
  seq: number;
  hash: string;
  purged_at: string;
}
