import type { CommuneCtx } from '../../core/context.js';
import type { Dataset } from '../../core/module.js';
import { TenantScope } from '../../core/tenancy/index.js';
import { currentClassification } from './classification.repo.js';
import { NOMENCLATURE_NATIONALE } from './classification.rules.js';
import { publicFileName } from './public.service.js';
import { deliberationsBatch, deliberationsSpan } from './scdl.repo.js';
import { SCDL_DELIBERATIONS_COLUMNS, scdlDeliberationRow } from './scdl.rules.js';

const BATCH = 1000;

/**
 * The SCDL rows of the commune's published délibérations (all, or one year), header first, read
 * from the database batch by batch: the caller streams them out as they come.
 */
export async function* scdlDeliberationRows(
  ctx: Pick<CommuneCtx, 'db' | 'commune'>,
  publicUrl: string,
  year: number | null,
): AsyncGenerator<string[]> {
  yield [...SCDL_DELIBERATIONS_COLUMNS];
  const siret = ctx.commune.siret;
  // Without the commune's SIRET (a required column) no row can be valid: the file stays empty.
  if (!siret) return;
  const scope = new TenantScope(ctx.db, ctx.commune.id);
  const items = [...NOMENCLATURE_NATIONALE.items, ...((await currentClassification(scope))?.items ?? [])];
  const coll = { nom: ctx.commune.nom, siret };
  const base = publicUrl.replace(/\/$/, '');
  let after: { date: string; id: number } | null = null;
  for (;;) {
    const batch = await deliberationsBatch(scope, after, year, BATCH);
    for (const d of batch) {
      const url = `${base}/actes/${d.id}/${publicFileName(d, 'application/pdf', null)}`;
      const row = scdlDeliberationRow(coll, d, items, url);
      if (row) yield row;
    }
    const last = batch.at(-1);
    if (!last || batch.length < BATCH) return;
    after = { date: last.dateDecision, id: last.id };
  }
}

/**
 * The délibérations dataset as the catalogue describes it, with one file per year besides the
 * complete one, or null when none is published.
 */
export async function deliberationsDataset(
  ctx: Pick<CommuneCtx, 'db' | 'commune'>,
  publicUrl: string,
): Promise<Dataset | null> {
  const span = await deliberationsSpan(new TenantScope(ctx.db, ctx.commune.id));
  if (!span.debut || !span.fin || !span.premierePublication || !span.dernierePublication) return null;
  const base = publicUrl.replace(/\/$/, '');
  return {
    id: 'deliberations',
    titre: `Délibérations du conseil municipal de ${ctx.commune.nom}`,
    description:
      'Liste des délibérations publiées par la commune : date, matière (nomenclature ACTES), objet, vote et lien vers le document (schéma SCDL délibérations 2.1.5).',
    theme: 'Administration',
    debut: span.debut,
    fin: span.fin,
    publie: span.premierePublication,
    majLe: span.dernierePublication,
    motsCles: ['délibérations', 'conseil municipal', 'actes administratifs'],
    ressources: 1 + span.years.length,
    url: `${base}/donnees`,
    csv: `${base}/donnees/deliberations.csv`,
    parties: span.years.map((y) => ({ label: `Délibérations de ${y} (CSV)`, href: `/donnees/deliberations-${y}.csv` })),
  };
}
