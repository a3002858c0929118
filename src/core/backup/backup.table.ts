import type { Generated } from 'kysely';

/** One backup, verification or restore, as it ran (platform-wide: no commune). */
export interface BackupRunTable {
  id: Generated<number>;
  /** backup | verify | restore */
  kind: string;
  /** The backup's name (`clocher-2026-11-28T03-15-00Z`), or '' when it failed before having one. */
  name: string;
  started_at: string;
  finished_at: string;
  /** Size in bytes of the encrypted backup (0 when unknown). */
  size: number;
  /** ok | failed */
  result: string;
  /** Where it went or came from, and the reason of a failure. */
  detail: string;
}
