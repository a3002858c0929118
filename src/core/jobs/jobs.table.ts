import type { Generated } from 'kysely';

export interface JobTable {
  id: Generated<number>;
  commune_id: number | null;
  name: string;
  payload: Generated<string>;
  dedupe_key: string | null;
  run_at: string;
  status: 'pending' | 'running' | 'done' | 'failed';
  attempts: Generated<number>;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface JobScheduleTable {
  name: string;
  next_run_at: string;
  last_run_at: string | null;
  last_status: string | null;
  last_error: string | null;
}
