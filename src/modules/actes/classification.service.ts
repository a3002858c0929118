import type { CommuneCtx } from '../../core/context.js';
import { conflict, forbidden, invalid } from '../../core/errors.js';
import { TenantScope } from '../../core/tenancy/index.js';
import { canConfigureActes } from './actes.policy.js';
import { audit } from './actes.service.js';
import * as repo from './classification.repo.js';
import { type Classification, NOMENCLATURE_NATIONALE, parseClassification } from './classification.rules.js';

/**
 * Imports a préfecture's classification file (ACTES 7-2 RetourClassification) as a new version;
 * acts keep the version they were classified with. The same version twice is refused.
 */
export async function importClassification(ctx: CommuneCtx, xml: string): Promise<Classification> {
  if (!canConfigureActes(ctx.actor)) throw forbidden();
  const parsed = parseClassification(xml);
  if ('problem' in parsed) throw invalid(parsed.problem, { fichier: parsed.problem });
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    if (await repo.hasClassificationVersion(scope, parsed.dateVersion)) {
      const msg = `La classification du ${parsed.dateVersion} est déjà importée.`;
      throw conflict(msg, { fichier: msg });
    }
    await repo.insertClassification(scope, parsed, ctx.now().toISOString());
    await audit(trx, ctx, 'actes.classification_imported', null, {
      dateVersion: parsed.dateVersion,
      matieres: parsed.items.length,
    });
  });
  return parsed;
}

/** The classification in force (the national levels 1–2 before any import) and the versions. */
export async function classificationOverview(
  ctx: CommuneCtx,
): Promise<{ current: Classification; versions: { dateVersion: string; importedAt: string; count: number }[] }> {
  const scope = new TenantScope(ctx.db, ctx.commune.id);
  return {
    current: (await repo.currentClassification(scope)) ?? NOMENCLATURE_NATIONALE,
    versions: await repo.classificationVersions(scope),
  };
}
