import type { TenantScope } from '../../core/tenancy/index.js';

export type AbonneStatus = 'en_attente' | 'confirme';
export type JetonPurpose = 'confirmation' | 'desabonnement';

export interface Abonne {
  id: number;
  email: string;
  status: AbonneStatus;
  createdAt: string;
  lastMailAt: string;
  confirmedAt: string | null;
}

export interface Jeton {
  abonneId: number;
  purpose: JetonPurpose;
  expiresAt: string | null;
  usedAt: string | null;
}

const columns = ['id', 'email', 'status', 'created_at', 'last_mail_at', 'confirmed_at'] as const;

const toAbonne = (r: {
  id: number;
  email: string;
  status: string;
  created_at: string;
  last_mail_at: string;
  confirmed_at: string | null;
}): Abonne => ({
  id: r.id,
  email: r.email,
  status: r.status === 'confirme' ? 'confirme' : 'en_attente',
  createdAt: r.created_at,
  lastMailAt: r.last_mail_at,
  confirmedAt: r.confirmed_at,
});

export async function findAbonneByEmail(scope: TenantScope, email: string): Promise<Abonne | undefined> {
  const r = await scope.selectFrom('alerte_abonne').select(columns).where('email', '=', email).executeTakeFirst();
  return r && toAbonne(r);
}

export async function findAbonne(scope: TenantScope, id: number): Promise<Abonne | undefined> {
  const r = await scope.selectFrom('alerte_abonne').select(columns).where('id', '=', id).executeTakeFirst();
  return r && toAbonne(r);
}

export async function insertAbonne(scope: TenantScope, email: string, now: string): Promise<number> {
  const r = await scope
    .insertInto('alerte_abonne', {
      email,
      status: 'en_attente',
      created_at: now,
      last_mail_at: now,
      confirmed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function touchAbonneMail(scope: TenantScope, id: number, now: string): Promise<void> {
  await scope.updateTable('alerte_abonne').set({ last_mail_at: now }).where('id', '=', id).execute();
}

export async function confirmAbonne(scope: TenantScope, id: number, now: string): Promise<void> {
  await scope
    .updateTable('alerte_abonne')
    .set({ status: 'confirme', confirmed_at: now })
    .where('id', '=', id)
    .execute();
}

/** Erases a subscriber and its links; false when it was already gone. */
export async function deleteAbonne(scope: TenantScope, id: number): Promise<boolean> {
  await scope.deleteFrom('alerte_jeton').where('abonne_id', '=', id).execute();
  const r = await scope.deleteFrom('alerte_abonne').where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** Confirmed subscribers, in a stable order. */
export async function listConfirmedAbonnes(scope: TenantScope): Promise<Abonne[]> {
  const rows = await scope
    .selectFrom('alerte_abonne')
    .select(columns)
    .where('status', '=', 'confirme')
    .orderBy('id')
    .execute();
  return rows.map(toAbonne);
}

export async function countConfirmedAbonnes(scope: TenantScope): Promise<number> {
  const r = await scope
    .selectFrom('alerte_abonne')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', '=', 'confirme')
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Pending subscriptions whose last confirmation mail is not after `before`: their links have expired. */
export async function listStalePending(scope: TenantScope, before: string): Promise<number[]> {
  const rows = await scope
    .selectFrom('alerte_abonne')
    .select('id')
    .where('status', '=', 'en_attente')
    .where('last_mail_at', '<=', before)
    .execute();
  return rows.map((r) => r.id);
}

export async function insertJeton(
  scope: TenantScope,
  v: { hash: string; abonneId: number; purpose: JetonPurpose; now: string; expiresAt: string | null },
): Promise<void> {
  await scope
    .insertInto('alerte_jeton', {
      id: v.hash,
      abonne_id: v.abonneId,
      purpose: v.purpose,
      created_at: v.now,
      expires_at: v.expiresAt,
      used_at: null,
    })
    .execute();
}

export async function findJeton(scope: TenantScope, hash: string): Promise<Jeton | undefined> {
  const r = await scope
    .selectFrom('alerte_jeton')
    .select(['abonne_id', 'purpose', 'expires_at', 'used_at'])
    .where('id', '=', hash)
    .executeTakeFirst();
  return (
    r && {
      abonneId: r.abonne_id,
      purpose: r.purpose === 'confirmation' ? 'confirmation' : 'desabonnement',
      expiresAt: r.expires_at,
      usedAt: r.used_at,
    }
  );
}

/** Uses a link once: false when it was already used (compare-and-set). */
export async function useJeton(scope: TenantScope, hash: string, now: string): Promise<boolean> {
  const r = await scope
    .updateTable('alerte_jeton')
    .set({ used_at: now })
    .where('id', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
