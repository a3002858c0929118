import { queryTerms } from '../../core/content/search.js';
import type { CommuneCtx } from '../../core/context.js';
import { notFound } from '../../core/errors.js';
import { TenantScope } from '../../core/tenancy/index.js';
import { type ActeDetail, detailOf } from './acte-edit.service.js';
import type { Acte } from './actes.repo.js';
import { type Executoire, executoire } from './actes.rules.js';
import type { RegisterQuery } from './actes.schemas.js';
import * as pub from './public.repo.js';

export const REGISTER_PAGE_SIZE = 20;
const NOT_FOUND = 'Cet acte n’existe pas ou n’est pas publié.';

const EXT: Record<string, string> = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' };

/** Stable file names of an act's documents: <numero>.pdf, then <numero>-annexe-<n>.<ext>. */
export function publicFileName(a: Pick<Acte, 'numero'>, mime: string, annexe: number | null): string {
  const ext = EXT[mime] ?? 'pdf';
  return annexe === null ? `${a.numero}.${ext}` : `${a.numero}-annexe-${annexe}.${ext}`;
}

export interface RegisterPage {
  items: (Acte & { executoire: Executoire })[];
  /** The number of matching acts; when `more`, only a lower bound (more than `countCap` acts). */
  total: number;
  more: boolean;
  countCap: number;
  page: number;
  /** The number of pages; when `more`, the pages known to exist (there are further ones). */
  pageCount: number;
  years: number[];
}

/** One page of the public register with the chosen filters and search. */
export async function searchPublicActes(ctx: CommuneCtx, q: RegisterQuery): Promise<RegisterPage> {
  const scope = new TenantScope(ctx.db, ctx.commune.id);
  const filters = { terms: queryTerms(q.q), nature: q.nature, matiere: q.matiere, annee: q.annee, seance: q.seance };
  const [{ items, total, more }, years] = await Promise.all([
    pub.searchRegister(scope, filters, { limit: REGISTER_PAGE_SIZE, offset: (q.page - 1) * REGISTER_PAGE_SIZE }),
    pub.registerYears(scope),
  ]);
  return {
    items: items.map((a) => ({ ...a, executoire: executoire(a) })),
    total,
    more,
    countCap: pub.COUNT_CAP,
    page: q.page,
    pageCount: Math.max(1, Math.ceil(total / REGISTER_PAGE_SIZE)),
    years,
  };
}

/** A published act of the commune with its documents and fingerprint; NotFound otherwise. */
export async function getPublicActe(ctx: CommuneCtx, id: number): Promise<ActeDetail> {
  const scope = new TenantScope(ctx.db, ctx.commune.id);
  const a = await pub.findVisible(scope, id);
  if (!a) throw notFound(NOT_FOUND);
  return detailOf(scope, a);
}

/** The stored file behind a public document name of a published act. */
export async function publicDocument(
  ctx: CommuneCtx,
  id: number,
  name: string,
): Promise<{ sha256: string; mime: string; size: number; name: string }> {
  const d = await getPublicActe(ctx, id);
  const docs = [
    ...(d.document ? [{ file: d.document, name: publicFileName(d.acte, d.document.mime, null) }] : []),
    ...d.annexes.flatMap((x, i) =>
      x.file ? [{ file: x.file, name: publicFileName(d.acte, x.file.mime, i + 1) }] : [],
    ),
  ];
  const found = docs.find((x) => x.name === name);
  if (!found) throw notFound('Ce document n’existe pas.');
  return { sha256: found.file.sha256, mime: found.file.mime, size: found.file.size, name: found.name };
}
