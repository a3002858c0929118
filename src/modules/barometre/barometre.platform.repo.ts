import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { NewReponseRow } from './barometre.table.js';

/** Cross-commune reads and writes of the baromètre: the operator's aggregates and imports. */

export interface RespondentRow {
  tranche: string;
  valeurs: string;
}

/** The submitted answers of a campaign (what the statistics count). */
export async function listSubmittedRespondents(db: Kysely<DB>, campagneId: number): Promise<RespondentRow[]> {
  return db
    .selectFrom('barometre_reponse')
    .select(['tranche', 'valeurs'])
    .where('campagne_id', '=', campagneId)
    .where('statut', '=', 'soumise')
    .execute();
}

export interface ReponseCounts {
  soumises: number;
  brouillons: number;
  importees: number;
}

export async function countReponsesByCampagne(db: Kysely<DB>): Promise<Map<number, ReponseCounts>> {
  const rows = await db
    .selectFrom('barometre_reponse')
    .select(['campagne_id', 'statut', 'source', (eb) => eb.fn.countAll<string | number>().as('n')])
    .groupBy(['campagne_id', 'statut', 'source'])
    .execute();
  const out = new Map<number, ReponseCounts>();
  for (const r of rows) {
    const c = out.get(r.campagne_id) ?? { soumises: 0, brouillons: 0, importees: 0 };
    const n = Number(r.n);
    if (r.statut === 'soumise') c.soumises += n;
    else c.brouillons += n;
    if (r.source === 'import') c.importees += n;
    out.set(r.campagne_id, c);
  }
  return out;
}

/** INSEE codes that already have an answer (draft or submitted) in the campaign. */
export async function answeredInsee(db: Kysely<DB>, campagneId: number): Promise<Set<string>> {
  const rows = await db.selectFrom('barometre_reponse').select('insee').where('campagne_id', '=', campagneId).execute();
  return new Set(rows.map((r) => r.insee));
}

/** The communes the platform hosts, by INSEE code: they answer from their back-office. */
export async function hostedCommunes(db: Kysely<DB>): Promise<Map<string, string>> {
  const rows = await db.selectFrom('commune').select(['insee', 'nom']).execute();
  return new Map(rows.map((r) => [r.insee, r.nom]));
}

/** Rows per INSERT: well under the bound-parameter limits of both engines. */
const BATCH = 400;

/** Inserts imported answers in batches (inside the caller's transaction). */
export async function insertReponses(db: Kysely<DB>, rows: NewReponseRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await db
      .insertInto('barometre_reponse')
      .values(rows.slice(i, i + BATCH))
      .execute();
  }
}
