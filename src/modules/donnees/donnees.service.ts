import type { ClocherModule, Dataset, DatasetsCtx } from '../../core/module.js';

/** The commune's open datasets, gathered from every module that publishes some, by identifier. */
export async function communeDatasets(modules: readonly ClocherModule[], ctx: DatasetsCtx): Promise<Dataset[]> {
  const lists = await Promise.all(modules.map((m) => m.datasets?.(ctx) ?? []));
  return lists.flat().sort((a, b) => a.id.localeCompare(b.id));
}
