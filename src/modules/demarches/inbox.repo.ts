import { sql } from 'kysely';
import type { TenantScope } from '../../core/tenancy/index.js';
import { containsInsensitive } from '../../db/dialect.js';
import { type Demande, demandeQuery, toDemande } from './demarches.repo.js';
import { STATUSES, type Status } from './demarches.rules.js';

/** Statuses of requests still waiting for a decision. */
export const OPEN_STATUSES: Status[] = ['recue', 'instruction', 'complements'];

export const SORTS = ['recue', 'echeance', 'reference', 'statut'] as const;
export type Sort = (typeof SORTS)[number];

export interface InboxQuery {
  type?: string | undefined;
  status?: Status | undefined;
  /** Open requests whose implicit-decision date is before this day. */
  overdueBefore?: string | undefined;
  /** Open requests whose implicit-decision date is in [from, to]. */
  dueBetween?: [string, string] | undefined;
  /** A user id, or 'aucun' for requests nobody is in charge of. */
  assignee?: number | 'aucun' | undefined;
  text?: string | undefined;
  sort?: Sort | undefined;
}

/** The commune's requests matching the query, in the asked order. */
export async function listInboxDemandes(scope: TenantScope, f: InboxQuery, limit = 500): Promise<Demande[]> {
  let q = demandeQuery(scope);
  if (f.type) q = q.where('t.slug', '=', f.type);
  if (f.status) q = q.where('demande.status', '=', f.status);
  if (f.overdueBefore) {
    q = q.where('demande.decision_due', '<', f.overdueBefore).where('demande.status', 'in', OPEN_STATUSES);
  }
  if (f.dueBetween) {
    q = q
      .where('demande.decision_due', '>=', f.dueBetween[0])
      .where('demande.decision_due', '<=', f.dueBetween[1])
      .where('demande.status', 'in', OPEN_STATUSES);
  }
  if (f.assignee === 'aucun') q = q.where('demande.assignee_user_id', 'is', null);
  else if (f.assignee !== undefined) q = q.where('demande.assignee_user_id', '=', f.assignee);
  if (f.text) {
    const t = f.text;
    q = q.where((eb) =>
      eb.or([
        containsInsensitive('demande.reference', t),
        containsInsensitive('demande.nom', t),
        containsInsensitive('demande.email', t),
        containsInsensitive('demande.answers', t),
      ]),
    );
  }
  switch (f.sort ?? 'recue') {
    case 'echeance':
      // Requests without an implicit decision come last, on both engines.
      q = q
        .orderBy(sql`case when demande.decision_due is null then 1 else 0 end`)
        .orderBy('demande.decision_due', 'asc')
        .orderBy('demande.received_at', 'asc');
      break;
    case 'reference':
      q = q.orderBy('demande.reference', 'asc');
      break;
    case 'statut': {
      const order = sql.join(
        STATUSES.map((s, i) => sql`when ${s} then ${i}`),
        sql` `,
      );
      q = q.orderBy(sql`case demande.status ${order} end`).orderBy('demande.received_at', 'desc');
      break;
    }
    default:
      q = q.orderBy('demande.received_at', 'desc');
  }
  const rows = await q.orderBy('demande.id', 'desc').limit(limit).execute();
  return rows.map(toDemande);
}

/** Sets the agent in charge of a request. */
export async function setAssignee(scope: TenantScope, id: number, userId: number | null, now: string): Promise<void> {
  await scope.updateTable('demande').set({ assignee_user_id: userId, updated_at: now }).where('id', '=', id).execute();
}

/** Open requests past their implicit-decision date, and those due from `today` to `soon`. */
export async function countDue(
  scope: TenantScope,
  today: string,
  soon: string,
): Promise<{ overdue: number; soon: number }> {
  const row = await scope
    .selectFrom('demande')
    .select([
      sql<number>`sum(case when decision_due < ${today} then 1 else 0 end)`.as('overdue'),
      sql<number>`sum(case when decision_due >= ${today} and decision_due <= ${soon} then 1 else 0 end)`.as('soon'),
    ])
    .where('status', 'in', OPEN_STATUSES)
    .where('decision_due', 'is not', null)
    .executeTakeFirst();
  return { overdue: Number(row?.overdue ?? 0), soon: Number(row?.soon ?? 0) };
}
