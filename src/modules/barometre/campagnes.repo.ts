import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { type CampagneStatut, isCampagneStatut } from './barometre.rules.js';
import type { CampagneRow } from './barometre.table.js';
import type { Questionnaire } from './questionnaire.types.js';

/** The campaigns: platform-wide rows (no commune owns them). */

export interface Campagne {
  id: number;
  annee: number;
  statut: CampagneStatut;
  edition: string;
  questionnaire: Questionnaire;
  ouverteAt: string | null;
  closeAt: string | null;
  updatedAt: string;
}

const COLUMNS = [
  'id',
  'annee',
  'statut',
  'edition',
  'questionnaire',
  'ouverte_at',
  'close_at',
  'created_at',
  'updated_at',
] as const;

function toCampagne(row: Omit<CampagneRow, 'resultats'>): Campagne {
  return {
    id: row.id,
    annee: row.annee,
    statut: isCampagneStatut(row.statut) ? row.statut : 'preparation',
    edition: row.edition,
    questionnaire: JSON.parse(row.questionnaire) as Questionnaire,
    ouverteAt: row.ouverte_at,
    closeAt: row.close_at,
    updatedAt: row.updated_at,
  };
}

export async function listCampagnes(db: Kysely<DB>): Promise<Campagne[]> {
  const rows = await db.selectFrom('barometre_campagne').select(COLUMNS).orderBy('annee', 'desc').execute();
  return rows.map(toCampagne);
}

export async function findCampagneByAnnee(db: Kysely<DB>, annee: number): Promise<Campagne | undefined> {
  const row = await db.selectFrom('barometre_campagne').select(COLUMNS).where('annee', '=', annee).executeTakeFirst();
  return row ? toCampagne(row) : undefined;
}

/** The campaign open to answers (the latest one if, unusually, several are). */
export async function findOpenCampagne(db: Kysely<DB>): Promise<Campagne | undefined> {
  const row = await db
    .selectFrom('barometre_campagne')
    .select(COLUMNS)
    .where('statut', '=', 'ouverte')
    .orderBy('annee', 'desc')
    .executeTakeFirst();
  return row ? toCampagne(row) : undefined;
}

export async function insertCampagne(
  db: Kysely<DB>,
  c: { annee: number; edition: string; questionnaire: Questionnaire; now: string },
): Promise<number> {
  const row = await db
    .insertInto('barometre_campagne')
    .values({
      annee: c.annee,
      statut: 'preparation',
      edition: c.edition,
      questionnaire: JSON.stringify(c.questionnaire),
      created_at: c.now,
      updated_at: c.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Compare-and-set of the status: false when another change came first. */
export async function updateCampagneStatut(
  db: Kysely<DB>,
  id: number,
  from: CampagneStatut,
  to: CampagneStatut,
  now: string,
  resultats: string | null,
): Promise<boolean> {
  const result = await db
    .updateTable('barometre_campagne')
    .set({
      statut: to,
      resultats,
      updated_at: now,
      ...(to === 'ouverte' ? { ouverte_at: now, close_at: null } : {}),
      ...(to === 'close' ? { close_at: now } : {}),
    })
    .where('id', '=', id)
    .where('statut', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The statistics frozen when the campaign was closed (JSON), if any. */
export async function findFrozenStats(db: Kysely<DB>, id: number): Promise<string | null> {
  const row = await db.selectFrom('barometre_campagne').select('resultats').where('id', '=', id).executeTakeFirst();
  return row?.resultats ?? null;
}

export async function getParametre(db: Kysely<DB>, cle: string): Promise<string | undefined> {
  const row = await db.selectFrom('barometre_parametre').select('valeur').where('cle', '=', cle).executeTakeFirst();
  return row?.valeur;
}

export async function setParametre(db: Kysely<DB>, cle: string, valeur: string, now: string): Promise<void> {
  await db
    .insertInto('barometre_parametre')
    .values({ cle, valeur, updated_at: now })
    .onConflict((oc) => oc.column('cle').doUpdateSet({ valeur, updated_at: now }))
    .execute();
}
