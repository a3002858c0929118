import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { ReponseStatut } from './barometre.rules.js';
import type { ReponseRow } from './barometre.table.js';

/**
 * One commune's own answers. Answers are keyed by campaign and INSEE code (imported respondents are
 * not tenants), so the door here is a RespondentScope holding the commune's INSEE code: every query
 * built through it carries `insee = <this commune>`, and a commune can neither read nor change
 * another's answer. Cross-commune reads live in barometre.platform.repo.ts.
 */
export class RespondentScope {
  constructor(
    readonly db: Kysely<DB>,
    readonly insee: string,
  ) {}

  reponses() {
    return this.db.selectFrom('barometre_reponse').where('barometre_reponse.insee', '=', this.insee);
  }

  withExecutor(db: Kysely<DB>): RespondentScope {
    return new RespondentScope(db, this.insee);
  }
}

export interface OwnReponse {
  id: number;
  campagneId: number;
  statut: ReponseStatut;
  source: string;
  valeurs: unknown;
  preremplies: string[];
  submittedAt: string | null;
  updatedAt: string;
}

const COLUMNS = [
  'id',
  'campagne_id',
  'statut',
  'source',
  'valeurs',
  'preremplies',
  'submitted_at',
  'updated_at',
] as const;

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

const toReponse = (r: Pick<ReponseRow, (typeof COLUMNS)[number]>): OwnReponse => ({
  id: r.id,
  campagneId: r.campagne_id,
  statut: r.statut === 'soumise' ? 'soumise' : 'brouillon',
  source: r.source,
  valeurs: parse(r.valeurs),
  preremplies: ((parse(r.preremplies) as unknown[]) ?? []).filter((c): c is string => typeof c === 'string'),
  submittedAt: r.submitted_at,
  updatedAt: r.updated_at,
});

export async function findOwnReponse(scope: RespondentScope, campagneId: number): Promise<OwnReponse | undefined> {
  const row = await scope.reponses().select(COLUMNS).where('campagne_id', '=', campagneId).executeTakeFirst();
  return row ? toReponse(row) : undefined;
}

export async function listOwnReponses(scope: RespondentScope): Promise<OwnReponse[]> {
  const rows = await scope.reponses().select(COLUMNS).execute();
  return rows.map(toReponse);
}

export interface OwnReponseFields {
  nom: string;
  population: number;
  tranche: string;
  valeurs: string;
  preremplies: string;
  statut: ReponseStatut;
  submittedAt: string | null;
  submittedBy: number | null;
}

export async function insertOwnReponse(
  scope: RespondentScope,
  campagneId: number,
  f: OwnReponseFields,
  now: string,
): Promise<number> {
  const row = await scope.db
    .insertInto('barometre_reponse')
    .values({
      campagne_id: campagneId,
      insee: scope.insee,
      nom: f.nom,
      population: f.population,
      tranche: f.tranche,
      source: 'plateforme',
      statut: f.statut,
      valeurs: f.valeurs,
      preremplies: f.preremplies,
      submitted_at: f.submittedAt,
      submitted_by: f.submittedBy,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Updates the commune's draft; a submitted answer is never changed (false then). */
export async function updateOwnDraft(
  scope: RespondentScope,
  id: number,
  f: OwnReponseFields,
  now: string,
): Promise<boolean> {
  const result = await scope.db
    .updateTable('barometre_reponse')
    .set({
      nom: f.nom,
      population: f.population,
      tranche: f.tranche,
      statut: f.statut,
      valeurs: f.valeurs,
      preremplies: f.preremplies,
      submitted_at: f.submittedAt,
      submitted_by: f.submittedBy,
      updated_at: now,
    })
    .where('id', '=', id)
    .where('insee', '=', scope.insee)
    .where('statut', '=', 'brouillon')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
