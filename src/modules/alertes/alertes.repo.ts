import { preparedRead, type TenantScope } from '../../core/tenancy/index.js';
import { type AlerteKind, isKind, isSeverity, type Severity } from './alertes.rules.js';

export interface Alerte {
  id: number;
  kind: AlerteKind;
  severity: Severity;
  title: string;
  /** Plain text. */
  body: string;
  startsAt: string;
  endsAt: string;
  diffuseeAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The editable fields of an alert: what a revision keeps. */
export interface AlerteFields {
  kind: AlerteKind;
  severity: Severity;
  title: string;
  body: string;
  startsAt: string;
  endsAt: string;
}

const columns = [
  'id',
  'kind',
  'severity',
  'title',
  'body',
  'starts_at',
  'ends_at',
  'diffusee_at',
  'created_at',
  'updated_at',
] as const;

interface Row {
  id: number;
  kind: string;
  severity: string;
  title: string;
  body: string;
  starts_at: string;
  ends_at: string;
  diffusee_at: string | null;
  created_at: string;
  updated_at: string;
}

const toAlerte = (r: Row): Alerte => ({
  id: r.id,
  kind: isKind(r.kind) ? r.kind : 'autre',
  severity: isSeverity(r.severity) ? r.severity : 'information',
  title: r.title,
  body: r.body,
  startsAt: r.starts_at,
  endsAt: r.ends_at,
  diffuseeAt: r.diffusee_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toRow = (f: AlerteFields) => ({
  kind: f.kind,
  severity: f.severity,
  title: f.title,
  body: f.body,
  starts_at: f.startsAt,
  ends_at: f.endsAt,
});

export async function findAlerte(scope: TenantScope, id: number): Promise<Alerte | undefined> {
  const r = await scope.selectFrom('alerte').select(columns).where('id', '=', id).executeTakeFirst();
  return r && toAlerte(r);
}

/** Alerts not ended at `now` (current and upcoming). */
export async function listAlertesNotEnded(scope: TenantScope, now: Date): Promise<Alerte[]> {
  const rows = await scope
    .selectFrom('alerte')
    .select(columns)
    .where('ends_at', '>', now.toISOString())
    .orderBy('starts_at')
    .execute();
  return rows.map(toAlerte);
}

/** Read on every public page (the banner): built once. */
const currentAlertes = preparedRead<{ at: string }, Row>((scope, arg) =>
  scope.selectFrom('alerte').select(columns).where('starts_at', '<=', arg('at')).where('ends_at', '>', arg('at')),
);

/** Alerts that are current at `now`. */
export async function listCurrentAlertes(scope: TenantScope, now: Date): Promise<Alerte[]> {
  return (await currentAlertes(scope, { at: now.toISOString() })).map(toAlerte);
}

/** The latest ended alerts at `now`. */
export async function listPastAlertes(scope: TenantScope, now: Date, limit: number): Promise<Alerte[]> {
  const rows = await scope
    .selectFrom('alerte')
    .select(columns)
    .where('ends_at', '<=', now.toISOString())
    .orderBy('ends_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toAlerte);
}

export async function insertAlerte(scope: TenantScope, f: AlerteFields, now: string): Promise<number> {
  const r = await scope
    .insertInto('alerte', { ...toRow(f), diffusee_at: null, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateAlerte(scope: TenantScope, id: number, f: AlerteFields, now: string): Promise<void> {
  await scope
    .updateTable('alerte')
    .set({ ...toRow(f), updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function deleteAlerte(scope: TenantScope, id: number): Promise<void> {
  await scope.deleteFrom('alerte').where('id', '=', id).execute();
}

/** Marks the alert as sent to its subscribers; false when it already was (compare-and-set). */
export async function claimDiffusion(scope: TenantScope, id: number, now: string): Promise<boolean> {
  const r = await scope
    .updateTable('alerte')
    .set({ diffusee_at: now })
    .where('id', '=', id)
    .where('diffusee_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
