import { richTextToPlain } from '../../core/content/index.js';
import { isAppError } from '../../core/errors.js';
import { RESERVED_SLUGS, savePage } from '../site/index.js';
import { type ImportRun, isConflict, record } from './import-wordpress.posts.js';
import { fingerprint, itemSlug, type PlacedPage, RESERVED_SUFFIX } from './import-wordpress.rules.js';

type PageInput = Parameters<typeof savePage>[2];

/** The address of each page (parents first), reserved top-level addresses renamed; links learn them. */
export function planPages(run: ImportRun, placed: PlacedPage[]): Map<number, { slug: string; path: string }> {
  const plan = new Map<number, { slug: string; path: string }>();
  for (const p of placed) {
    const prior = run.known.get(p.item.id);
    // A page imported before keeps the address it got then (renamed or not): nothing to report again.
    const slug = prior?.kind === 'page' ? prior.slug : firstSlug(run, p);
    const path = pathUnder(plan, p.parentWpId, slug);
    plan.set(p.item.id, { slug, path });
    run.links.set(p.item, `/${path}`);
  }
  return plan;
}

function firstSlug(run: ImportRun, p: PlacedPage): string {
  if (p.movedUp) run.report.problems.push({ code: 'depth-capped', title: p.item.title });
  if (p.orphan) run.report.problems.push({ code: 'orphan-page', title: p.item.title });
  const slug = itemSlug(p.item);
  if (p.parentWpId !== null || !RESERVED_SLUGS.has(slug)) return slug;
  const renamed = `${slug}${RESERVED_SUFFIX}`;
  run.report.problems.push({ code: 'reserved-slug', title: p.item.title, from: slug, to: renamed });
  return renamed;
}

/**
 * Writes the pages, parents first: created, updated when the export changed, left alone otherwise.
 * Returns true when an address had to change while writing (links to it must be rewritten again).
 */
export async function writePages(
  run: ImportRun,
  placed: PlacedPage[],
  plan: Map<number, { slug: string; path: string }>,
): Promise<boolean> {
  let moved = false;
  for (const p of placed) {
    const planned = plan.get(p.item.id);
    if (!planned) continue;
    const parentLocal = p.parentWpId === null ? null : (run.known.get(p.parentWpId)?.localId ?? null);
    const input: PageInput = {
      parentId: parentLocal,
      slug: planned.slug,
      title: p.item.title.slice(0, 150) || `Page ${p.item.id}`,
      summary: richTextToPlain(p.item.excerptHtml).slice(0, 300),
      body: run.links.html(p.item.contentHtml),
      position: Math.min(Math.max(p.item.menuOrder, 0), 999),
      status: p.item.status === 'publish' || p.item.status === 'future' ? 'publie' : 'brouillon',
      publishAt: p.item.status === 'publish' || p.item.status === 'future' ? p.item.date : null,
    };
    const hash = fingerprint(input);
    const known = run.known.get(p.item.id);
    if (known?.kind === 'page' && known.hash === hash) {
      run.report.counts.pages.skipped++;
      continue;
    }
    const saved = await savePageWithFreeSlug(run, known?.kind === 'page' ? known.localId : null, input);
    if (saved.slug !== planned.slug) {
      const path = planned.path.replace(/[^/]+$/, saved.slug);
      run.report.problems.push({ code: 'slug-taken', title: input.title, from: `/${planned.path}`, to: `/${path}` });
      plan.set(p.item.id, { slug: saved.slug, path });
      replan(run, placed, plan);
      moved = true;
    }
    run.report.counts.pages[saved.created ? 'created' : 'updated']++;
    if (saved.created && known) run.report.problems.push({ code: 'recreated', title: input.title });
    await record(run, {
      wpId: p.item.id,
      kind: 'page',
      localId: saved.id,
      slug: saved.slug,
      hash: fingerprint({ ...input, slug: saved.slug }),
    });
  }
  return moved;
}

/** Saves the page; a deleted page is created again; an address taken by another page gets -2, -3… */
async function savePageWithFreeSlug(
  run: ImportRun,
  localId: number | null,
  input: PageInput,
): Promise<{ id: number; slug: string; created: boolean }> {
  let id = localId;
  for (let n = 1; n <= 20; n++) {
    const slug = n === 1 ? input.slug : `${input.slug.slice(0, 76)}-${n}`;
    try {
      const saved = await savePage(run.ctx, id, { ...input, slug });
      return { id: saved, slug, created: id === null };
    } catch (error) {
      if (id !== null && isAppError(error, 'NotFound')) {
        id = null;
        n--;
        continue;
      }
      if (!isConflict(error)) throw error;
    }
  }
  throw new Error(`no free address for the page ${input.slug}`);
}

function pathUnder(plan: Map<number, { path: string }>, parentWpId: number | null, slug: string): string {
  const parent = parentWpId === null ? undefined : plan.get(parentWpId);
  return parent ? `${parent.path}/${slug}` : slug;
}

/** Recomputes every path (parents first) after a page got another address, so its sub-pages follow. */
function replan(run: ImportRun, placed: PlacedPage[], plan: Map<number, { slug: string; path: string }>): void {
  for (const p of placed) {
    const entry = plan.get(p.item.id);
    if (!entry) continue;
    entry.path = pathUnder(plan, p.parentWpId, entry.slug);
    run.links.set(p.item, `/${entry.path}`);
  }
}
