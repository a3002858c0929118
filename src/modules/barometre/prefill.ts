import type { ClocherModule, PublicContentCtx } from '../../core/module.js';
import { allQuestions, type Questionnaire, type Valeurs } from './questionnaire.types.js';

/**
 * What the platform already knows of a hosted commune: it has a website (this one) and the sections
 * it uses, read from the public pages the modules declare (sitemap paths and menu entries). Second
 * factor coverage and backups are not known yet: they stay for the commune to answer.
 */

export interface Prefill {
  valeurs: Valeurs;
  /** Question codes the platform pre-filled. */
  codes: string[];
}

/** A published page of the commune whose address speaks of the council's minutes. */
const CONSEIL_PAGE = /conseil|compte-?rendu|comptes-rendus|proces-verbal|deliberation/;

/** Pure: the pre-filled answers from the commune's public paths and menu entries. */
export function prefillFrom(site: { paths: string[]; nav: string[] }, questionnaire: Questionnaire): Prefill {
  const known = new Set(allQuestions(questionnaire).map((q) => q.code));
  const usages: string[] = [];
  if (site.paths.some((p) => p.startsWith('/actualites/'))) usages.push('actualites');
  if (site.paths.some((p) => p.startsWith('/agenda/'))) usages.push('evenements');
  if (site.nav.includes('/cantine')) usages.push('menus_cantine');
  if (site.paths.some((p) => CONSEIL_PAGE.test(p))) usages.push('comptes_rendus');
  const valeurs: Valeurs = {};
  if (known.has('site_internet')) valeurs.site_internet = 'oui';
  if (known.has('site_usages') && usages.length > 0) valeurs.site_usages = usages;
  return { valeurs, codes: Object.keys(valeurs) };
}

/** The pre-filled answers of the commune, gathered from the modules' public contracts. */
export async function computePrefill(
  modules: readonly ClocherModule[],
  ctx: PublicContentCtx,
  questionnaire: Questionnaire,
): Promise<Prefill> {
  const paths: string[] = [];
  const nav: string[] = [];
  for (const m of modules) {
    if (m.sitemap) paths.push(...(await m.sitemap(ctx)));
    if (m.publicNav) nav.push(...(await m.publicNav(ctx)).map((n) => n.href));
  }
  return prefillFrom({ paths, nav }, questionnaire);
}
