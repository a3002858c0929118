import { appendAuditEvent } from '../../core/audit/index.js';
import { actorUserId, type PlatformCtx } from '../../core/context.js';
import { conflict } from '../../core/errors.js';
import { listCommunes } from '../../core/tenancy/index.js';
import { findInseeCommune } from '../../core/tenancy/insee.js';
import { answeredInsee, insertReponses } from './barometre.platform.repo.js';
import { acceptsAnswers } from './barometre.rules.js';
import { getCampagne } from './campagnes.service.js';
import { type Rejet, validateImport } from './import.rules.js';

export type ImportOutcome = { ok: true; count: number } | { ok: false; rejets: Rejet[] };

/**
 * Imports the answers of communes not hosted by the platform from a CSV, all or nothing: a file with
 * any rejected line imports nothing and returns the report of every rejected line.
 */
export async function importReponses(
  ctx: PlatformCtx,
  input: { annee: number; csv: string; filename: string },
): Promise<ImportOutcome> {
  const campagne = await getCampagne(ctx, input.annee);
  if (!acceptsAnswers(campagne.statut)) {
    throw conflict(`La campagne ${input.annee} est close : rouvrez-la avant d’importer des réponses.`);
  }
  const hosted = new Map((await listCommunes(ctx.db)).map((c) => [c.insee, c.nom]));
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await answeredInsee(trx, campagne.id);
    const result = validateImport(input.csv, campagne.questionnaire, {
      lookup: findInseeCommune,
      hosted,
      existing,
    });
    if (result.rejets.length > 0) return { ok: false as const, rejets: result.rejets };
    const now = ctx.now().toISOString();
    await insertReponses(
      trx,
      result.rows.map((r) => ({
        campagne_id: campagne.id,
        insee: r.insee,
        nom: r.nom,
        population: r.population,
        tranche: r.tranche,
        source: 'import',
        statut: 'soumise',
        valeurs: JSON.stringify(r.valeurs),
        preremplies: '[]',
        submitted_at: now,
        submitted_by: actorUserId(ctx.actor),
        created_at: now,
        updated_at: now,
      })),
    );
    await appendAuditEvent(trx, {
      communeId: null,
      occurredAt: ctx.now(),
      action: 'barometre.import',
      actorUserId: actorUserId(ctx.actor),
      objectType: 'barometre_campagne',
      objectId: campagne.id,
      details: { annee: input.annee, reponses: result.rows.length, fichier: input.filename.slice(0, 200) },
    });
    return { ok: true as const, count: result.rows.length };
  });
}
