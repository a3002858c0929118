import { appendAuditEvent } from '../../core/audit/index.js';
import { hasRole } from '../../core/auth/index.js';
import { type Actor, actorUserId } from '../../core/context.js';
import { forbidden, invalid } from '../../core/errors.js';
import { TenantScope } from '../../core/tenancy/index.js';
import type { MediaCtx } from '../medias/index.js';
import { LinkMap } from './import-wordpress.links.js';
import { importMedias } from './import-wordpress.medias.js';
import { planPages, writePages } from './import-wordpress.pages.js';
import { IMPORTED_STATUSES, type ImportRun, planPosts, writePosts } from './import-wordpress.posts.js';
import { importedItems } from './import-wordpress.repo.js';
import { emptyReport, type ImportReport } from './import-wordpress.report.js';
import { placePages } from './import-wordpress.rules.js';
import type { UploadsSource } from './uploads-source.js';
import { parseWxr, WxrError, type WxrExport, type WxrItem } from './wxr.parser.js';

/** Who imports a WordPress site: it writes many pages at once, so the commune's administrators and secretaries. */
export const canImportWordpress = (actor: Actor): boolean => hasRole(actor, ['administrateur', 'secretaire']);

export interface ImportWordpressInput {
  /** The WXR document (the XML file exported by WordPress, Outils > Exporter). */
  xml: string;
  /** The old site's wp-content/uploads (folder or zip); the WXR holds no file. */
  uploads: UploadsSource;
}

/** Refuses actors who may not import (before showing the form). */
export function assertCanImportWordpress(actor: Actor): void {
  if (!canImportWordpress(actor)) throw forbidden();
}

function parse(xml: string): WxrExport {
  try {
    return parseWxr(xml);
  } catch (error) {
    if (!(error instanceof WxrError)) throw error;
    const message = 'Ce fichier n’est pas un export WordPress (fichier XML produit par Outils > Exporter).';
    throw invalid(message, { wxr: message });
  }
}

/**
 * Imports a WordPress export: files into the media library, pages (hierarchy kept) and posts as
 * actualités, their links rewritten. Running it again with the same export changes nothing.
 */
export async function importWordpress(ctx: MediaCtx, input: ImportWordpressInput): Promise<ImportReport> {
  assertCanImportWordpress(ctx.actor);
  const wxr = parse(input.xml);
  const report = emptyReport();
  const of = (type: WxrItem['type']) => wxr.items.filter((i) => i.type === type);
  const kept = (items: WxrItem[]) =>
    items.filter((i) => {
      if (IMPORTED_STATUSES.has(i.status)) return true;
      if (i.status !== 'auto-draft' && i.status !== 'inherit') {
        report.problems.push({ code: 'status-skipped', title: i.title || `#${i.id}`, status: i.status });
      }
      return false;
    });
  const site = wxr.siteUrl || 'wordpress';
  const medias = await importMedias(ctx, of('attachment'), input.uploads, report);
  const run: ImportRun = {
    ctx,
    site,
    known: await importedItems(new TenantScope(ctx.db, ctx.commune.id), site),
    links: new LinkMap(site, medias),
    medias,
    report,
  };
  const placed = placePages(kept(of('page')));
  const posts = kept(of('post'));
  const pagePlan = planPages(run, placed);
  const slugs = await planPosts(run, posts);
  if (await writePages(run, placed, pagePlan)) {
    // An address changed while writing: write again what links to it (counted once).
    await writePages({ ...run, report: emptyReport() }, placed, pagePlan);
  }
  await writePosts(run, posts, slugs);
  await audit(ctx, site, report);
  return report;
}

async function audit(ctx: MediaCtx, site: string, report: ImportReport): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    await appendAuditEvent(trx, {
      communeId: ctx.commune.id,
      occurredAt: ctx.now(),
      action: 'wordpress.imported',
      actorUserId: actorUserId(ctx.actor),
      objectType: 'wordpress_import',
      objectId: null,
      details: { site, counts: report.counts, problems: report.problems.length },
    });
  });
}
