import type { Generated } from 'kysely';

export interface StoredFileTable {
  id: Generated<number>;
  commune_id: number;
  sha256: string;
  mime: string;
  size: number;
  original_name: string;
  created_at: string;
  created_by: number | null;
}
