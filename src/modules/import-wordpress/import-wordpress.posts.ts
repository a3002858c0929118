import { richTextToPlain } from '../../core/content/index.js';
import { uniqueSlug } from '../../core/content/slug.rules.js';
import { isAppError } from '../../core/errors.js';
import { TenantScope } from '../../core/tenancy/index.js';
import {
  changeActualitePublication,
  createActualite,
  listActualitesForAdmin,
  updateActualite,
} from '../actualites/index.js';
import type { MediaCtx } from '../medias/index.js';
import type { LinkMap } from './import-wordpress.links.js';
import type { ImportedMedias } from './import-wordpress.medias.js';
import { type ImportedItem, saveImportedItem } from './import-wordpress.repo.js';
import type { ImportReport } from './import-wordpress.report.js';
import { fingerprint, itemSlug } from './import-wordpress.rules.js';
import type { WxrItem } from './wxr.parser.js';

/** WordPress states brought in: published (with its date), scheduled, or kept as a draft. */
export const IMPORTED_STATUSES = new Set(['publish', 'future', 'draft', 'pending', 'private']);

export interface ImportRun {
  ctx: MediaCtx;
  site: string;
  known: Map<number, ImportedItem>;
  links: LinkMap;
  medias: ImportedMedias;
  report: ImportReport;
}

/** Chooses the address of every post before any is written, so that links between them can be rewritten. */
export async function planPosts(run: ImportRun, posts: WxrItem[]): Promise<Map<number, string>> {
  const existing = await listActualitesForAdmin(run.ctx);
  const slugById = new Map(existing.map((a) => [a.id, a.slug]));
  const ours = new Map<number, string>();
  for (const p of posts) {
    const known = run.known.get(p.id);
    const slug = known?.kind === 'actualite' ? slugById.get(known.localId) : undefined;
    if (slug) ours.set(p.id, slug);
  }
  const taken = new Set(existing.map((a) => a.slug).filter((s) => ![...ours.values()].includes(s)));
  for (const p of posts) {
    const wanted = itemSlug(p);
    const slug = ours.get(p.id) ?? uniqueSlug(wanted, taken);
    if (slug !== wanted && !ours.has(p.id)) {
      run.report.problems.push({
        code: 'slug-taken',
        title: p.title,
        from: `/actualites/${wanted}`,
        to: `/actualites/${slug}`,
      });
    }
    taken.add(slug);
    ours.set(p.id, slug);
    run.links.set(p, `/actualites/${slug}`);
  }
  return ours;
}

/** Writes the posts as actualités: created, updated when the export changed, left alone otherwise. */
export async function writePosts(run: ImportRun, posts: WxrItem[], slugs: Map<number, string>): Promise<void> {
  const present = new Set((await listActualitesForAdmin(run.ctx)).map((a) => a.id));
  for (const post of posts) {
    const thumbnail = run.medias.byWpId.get(Number(post.meta._thumbnail_id));
    const input = {
      title: post.title.slice(0, 200) || `Article ${post.id}`,
      slug: slugs.get(post.id) ?? '',
      chapo: richTextToPlain(post.excerptHtml).slice(0, 600),
      body: run.links.html(post.contentHtml),
      imageUrl: thumbnail ? run.links.imageUrl(thumbnail) : null,
      imageAlt: thumbnail?.alt ?? '',
    };
    const hash = fingerprint({ input, status: post.status, date: post.date });
    const known = run.known.get(post.id);
    const localId = known?.kind === 'actualite' && present.has(known.localId) ? known.localId : null;
    if (localId !== null && known?.hash === hash) {
      run.report.counts.actualites.skipped++;
      continue;
    }
    let id = localId;
    if (id !== null) {
      await updateActualite(run.ctx, id, input);
      run.report.counts.actualites.updated++;
    } else {
      if (known) run.report.problems.push({ code: 'recreated', title: post.title });
      id = await createPublished(run, post, input);
      run.report.counts.actualites.created++;
    }
    await record(run, { wpId: post.id, kind: 'actualite', localId: id, slug: input.slug, hash });
  }
}

type PostInput = Parameters<typeof createActualite>[1];

/** Creates the actualité at its WordPress date, then publishes or schedules it as WordPress did. */
async function createPublished(run: ImportRun, post: WxrItem, input: PostInput): Promise<number> {
  const now = run.ctx.now();
  const date = post.date ?? now;
  const past = date.getTime() <= now.getTime();
  // Written with the clock of its date, so that the publication date shown is WordPress's.
  const at = past ? { ...run.ctx, now: () => date } : run.ctx;
  const id = await createActualite(at, input);
  const published = post.status === 'publish' || post.status === 'future';
  if (published && past) await changeActualitePublication(at, id, 'publier');
  else if (published) await changeActualitePublication(run.ctx, id, 'programmer', date);
  return id;
}

/** Remembers what a WordPress item became. */
export async function record(run: ImportRun, item: ImportedItem): Promise<void> {
  await run.ctx.db.transaction().execute(async (trx) => {
    await saveImportedItem(new TenantScope(trx, run.ctx.commune.id), run.site, item, run.ctx.now().toISOString());
  });
  run.known.set(item.wpId, item);
}

export const isConflict = (error: unknown): boolean => isAppError(error, 'Conflict');
