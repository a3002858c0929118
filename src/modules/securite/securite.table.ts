import type { Generated } from 'kysely';

export interface SecuritePointTable {
  id: Generated<number>;
  commune_id: number;
  item: string;
  /** YYYY-MM-DD */
  done_on: string;
  done_by: number | null;
}
