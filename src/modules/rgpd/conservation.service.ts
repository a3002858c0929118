import { appendAuditEvent } from '../../core/audit/index.js';
import { actorUserId, type CommuneCtx } from '../../core/context.js';
import { conflict, forbidden, invalid, notFound } from '../../core/errors.js';
import type { FileStore } from '../../core/files/index.js';
import { toParisLocal } from '../../core/paris-time.js';
import { TenantScope } from '../../core/tenancy/index.js';
import { lockForTransaction } from '../../db/dialect.js';
import { isBlobReferenced } from './rgpd.platform.repo.js';
import { canConsulterRgpd, canGererRgpd, canViserBordereau } from './rgpd.policy.js';
import * as repo from './rgpd.repo.js';
import {
  type CategoryDef,
  demandeCategory,
  echeance,
  FIXED_CATEGORIES,
  isExpired,
  type Retention,
  retentionOf,
} from './rgpd.rules.js';
import { retentionSchema, visaSchema } from './rgpd.schemas.js';
import * as sources from './sources.repo.js';

/** Advisory-lock space of the retention job (PostgreSQL): one runner per commune at a time. */
const RETENTION_LOCK = 0x7d9d02;

export interface Categories {
  defs: CategoryDef[];
  retention: (def: CategoryDef) => Retention;
  /** Is this the commune's own choice (not the default)? */
  isSet: (def: CategoryDef) => boolean;
}

/** The commune's data categories (one per démarche type, then the fixed ones) and their retention. */
export async function categoriesOf(scope: TenantScope): Promise<Categories> {
  const types = await sources.listDemarcheTypes(scope);
  const settings = await repo.listRetentionSettings(scope);
  const defs = [
    ...types.map((t) =>
      demandeCategory({ slug: t.slug, title: t.title, conservationMois: t.settings.conservationMois ?? 12 }),
    ),
    ...FIXED_CATEGORIES,
  ];
  return {
    defs,
    retention: (def) => retentionOf(def, settings.get(def.key)),
    isSet: (def) => settings.has(def.key),
  };
}

export interface CategoryView {
  def: CategoryDef;
  retention: Retention;
  isSet: boolean;
}

/** The retention periods, for the eliminations page. */
export async function consulterConservation(ctx: CommuneCtx): Promise<CategoryView[]> {
  if (!canConsulterRgpd(ctx.actor)) throw forbidden();
  const c = await categoriesOf(new TenantScope(ctx.db, ctx.commune.id));
  return c.defs.map((def) => ({ def, retention: c.retention(def), isSet: c.isSet(def) }));
}

type RetentionValues = { categorie: string; duree: number; archive: '0' | '1' };

/** Saves the changed settings in one transaction, one audit event per category changed. */
async function saveRetentions(ctx: CommuneCtx, list: RetentionValues[]): Promise<number> {
  return ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const categories = await categoriesOf(scope);
    let changed = 0;
    for (const { categorie, duree, archive } of list) {
      const def = categories.defs.find((d) => d.key === categorie);
      if (!def) throw notFound('Cette catégorie de données n’existe pas.');
      const current = categories.retention(def);
      if (categories.isSet(def) && current.duree === duree && current.archive === (archive === '1')) continue;
      await repo.saveRetention(scope, categorie, { duree, archive: archive === '1' }, ctx.now().toISOString());
      await appendAuditEvent(trx, {
        communeId: ctx.commune.id,
        occurredAt: ctx.now(),
        action: 'rgpd.conservation_modifiee',
        actorUserId: actorUserId(ctx.actor),
        objectType: 'rgpd_categorie',
        objectId: categorie,
        details: { duree, unite: def.unit, archive: archive === '1' },
      });
      changed++;
    }
    return changed;
  });
}

/** An administrateur sets a category's retention period and whether it is public archives. */
export async function enregistrerConservation(ctx: CommuneCtx, values: unknown): Promise<void> {
  if (!canGererRgpd(ctx.actor)) throw forbidden('Seul un administrateur fixe les durées de conservation.');
  const parsed = retentionSchema.safeParse(values ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? 'duree');
    throw invalid(issue?.message ?? 'Valeur invalide.', { [field]: issue?.message ?? 'Valeur invalide.' });
  }
  await saveRetentions(ctx, [parsed.data]);
}

/**
 * The retention form: fields `categorie_<i>`, `duree_<i>`, `archive_<i>`. Every value is checked
 * before anything is saved; errors are keyed by the form's field names.
 */
export async function enregistrerConservations(ctx: CommuneCtx, body: Record<string, string>): Promise<number> {
  if (!canGererRgpd(ctx.actor)) throw forbidden('Seul un administrateur fixe les durées de conservation.');
  const list: RetentionValues[] = [];
  const errors: Record<string, string> = {};
  const indexes = Object.keys(body)
    .map((k) => /^categorie_(\d{1,3})$/.exec(k)?.[1])
    .filter((i): i is string => i !== undefined);
  for (const i of indexes) {
    const parsed = retentionSchema.safeParse({
      categorie: body[`categorie_${i}`],
      duree: body[`duree_${i}`],
      archive: body[`archive_${i}`],
    });
    if (parsed.success) list.push(parsed.data);
    else for (const issue of parsed.error.issues) errors[`${String(issue.path[0])}_${i}`] ??= issue.message;
  }
  if (Object.keys(errors).length > 0) throw invalid('Le formulaire contient des erreurs.', errors);
  return saveRetentions(ctx, list);
}

// ——— The retention job ———

type Executor = (scope: TenantScope, ids: number[]) => Promise<string[]>;

/** What eliminating an object of each type does. */
const EXECUTORS: Record<string, Executor> = {
  demande: (scope, ids) => sources.anonymizeDemandes(scope, ids),
  alerte_abonne: async (scope, ids) => {
    await sources.deleteAbonnes(scope, ids);
    return [];
  },
  courriel: async (scope, ids) => {
    await sources.deleteMails(scope, ids);
    return [];
  },
};

const ACTIONS: Record<string, string> = {
  demande: 'anonymisée',
  alerte_abonne: 'supprimé',
  courriel: 'supprimé',
};

interface Due {
  def: CategoryDef;
  objetType: string;
  items: repo.NewItem[];
}

const frDate = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

/** Everything past its retention period on `today` and on no bordereau yet. */
async function findDue(scope: TenantScope, c: Categories, now: Date, today: string): Promise<Due[]> {
  const due: Due[] = [];
  const byKey = new Map(c.defs.map((d) => [d.key, d]));
  const demandes = new Map<string, repo.NewItem[]>();
  for (const d of await sources.listClosedDemandes(scope)) {
    const def = byKey.get(`demande:${d.slug}`);
    if (!def) continue;
    const end = echeance(toParisLocal(new Date(d.closedAt)).date, def.unit, c.retention(def).duree);
    if (!isExpired(end, today)) continue;
    const list = demandes.get(def.key) ?? [];
    list.push({
      objetType: 'demande',
      objetId: d.id,
      libelle: `Demande ${d.reference}, close le ${frDate(toParisLocal(new Date(d.closedAt)).date)}`,
      echeance: end,
    });
    demandes.set(def.key, list);
  }
  for (const [key, items] of demandes) due.push({ def: byKey.get(key) as CategoryDef, objetType: 'demande', items });

  const dayMs = 86_400_000;
  const pendingDef = byKey.get('alertes_en_attente') as CategoryDef;
  const pendingBefore = new Date(now.getTime() - c.retention(pendingDef).duree * dayMs).toISOString();
  const listedAbonnes = await repo.listedObjectIds(scope, 'alerte_abonne');
  const pending = (await sources.listStalePending(scope, pendingBefore)).filter((p) => !listedAbonnes.has(p.id));
  if (pending.length > 0) {
    due.push({
      def: pendingDef,
      objetType: 'alerte_abonne',
      items: pending.map((p) => ({
        objetType: 'alerte_abonne',
        objetId: p.id,
        libelle: `Abonnement aux alertes n° ${p.id}, demandé le ${frDate(p.createdAt.slice(0, 10))}, jamais confirmé`,
        echeance: echeance(p.createdAt.slice(0, 10), 'jours', c.retention(pendingDef).duree),
      })),
    });
  }

  const mailDef = byKey.get('courriels') as CategoryDef;
  const mailMonths = c.retention(mailDef).duree;
  // Mails sent before today minus the period: echeance(sent, period) <= today.
  const mailBefore = `${echeance(today, 'mois', -mailMonths)}T00:00:00.000Z`;
  const listedMails = await repo.listedObjectIds(scope, 'courriel');
  const mails = (await sources.listOldMails(scope, mailBefore)).filter((m) => !listedMails.has(m.id));
  if (mails.length > 0) {
    due.push({
      def: mailDef,
      objetType: 'courriel',
      items: mails.map((m) => ({
        objetType: 'courriel',
        objetId: m.id,
        libelle: `Courriel n° ${m.id} du ${frDate(m.at.slice(0, 10))}`,
        echeance: echeance(m.at.slice(0, 10), 'mois', mailMonths),
      })),
    });
  }
  return due;
}

export interface RetentionRun {
  /** Bordereaux awaiting the archives service's visa, created by this run. */
  proposes: number;
  /** Bordereaux executed by this run (non-archive data, or visaed). */
  executes: number;
  /** Objects anonymized or deleted. */
  elimines: number;
  /** Files removed from the store. */
  fichiers: number;
}

export type RetentionCtx = CommuneCtx & { files: FileStore };

/**
 * The daily retention job for one commune. What has passed its period is listed on a bordereau:
 * public archives wait for the archives service's visa (Code du patrimoine L212-2); the rest is
 * anonymized or deleted at once. Bordereaux visaed since the last run are executed. Every
 * bordereau is recorded in the audit log; the audit log itself is never purged here.
 */
export async function runRetention(ctx: RetentionCtx): Promise<RetentionRun> {
  const now = ctx.now();
  const today = toParisLocal(now).date;
  const iso = now.toISOString();
  const run: RetentionRun = { proposes: 0, executes: 0, elimines: 0, fichiers: 0 };
  const hashes = await ctx.db.transaction().execute(async (trx) => {
    await lockForTransaction(trx, RETENTION_LOCK, ctx.commune.id);
    const scope = new TenantScope(trx, ctx.commune.id);
    const removed: string[] = [];
    const audit = (action: string, id: number, details: Record<string, unknown>) =>
      appendAuditEvent(trx, {
        communeId: ctx.commune.id,
        occurredAt: now,
        action,
        actorUserId: actorUserId(ctx.actor),
        objectType: 'rgpd_bordereau',
        objectId: id,
        details,
      });
    for (const due of await findDue(scope, await categoriesOf(scope), now, today)) {
      const archive = (await categoriesOf(scope)).retention(due.def).archive;
      const libelle = `${due.def.label} : ${due.items.length} élément${due.items.length > 1 ? 's' : ''}`;
      const executor = EXECUTORS[due.objetType] as Executor;
      if (!archive)
        removed.push(
          ...(await executor(
            scope,
            due.items.map((i) => i.objetId),
          )),
        );
      const id = await repo.insertBordereau(scope, {
        categorie: due.def.key,
        libelle,
        archive,
        statut: archive ? 'a_viser' : 'execute',
        items: due.items,
        now: iso,
      });
      const details = { categorie: due.def.key, elements: due.items.length };
      if (archive) {
        run.proposes++;
        await audit('rgpd.bordereau_propose', id, details);
      } else {
        run.executes++;
        run.elimines += due.items.length;
        await audit('rgpd.elimination_executee', id, { ...details, action: ACTIONS[due.objetType] });
      }
    }
    for (const b of await repo.listBordereauxByStatut(scope, 'vise')) {
      const items = await repo.listItems(scope, b.id);
      for (const type of new Set(items.map((i) => i.objetType))) {
        const ids = items.filter((i) => i.objetType === type).map((i) => i.objetId);
        removed.push(...(await (EXECUTORS[type] as Executor)(scope, ids)));
      }
      if (!(await repo.markExecuted(scope, b.id, iso))) continue;
      run.executes++;
      run.elimines += items.length;
      await audit('rgpd.elimination_executee', b.id, {
        categorie: b.categorie,
        elements: items.length,
        visa: { date: b.visaDate, service: b.visaService, reference: b.visaReference },
      });
    }
    return removed;
  });
  run.fichiers = await removeUnreferenced(ctx, hashes);
  if (run.proposes + run.executes > 0) ctx.log.info({ commune: ctx.commune.id, ...run }, 'rgpd: retention run');
  return run;
}

/** Removes bytes no commune refers to any more (after the rows' deletion is committed). */
export async function removeUnreferenced(ctx: RetentionCtx, hashes: string[]): Promise<number> {
  let n = 0;
  for (const sha of new Set(hashes)) {
    if (await isBlobReferenced(ctx.db, sha)) continue;
    await ctx.files.delete(sha);
    n++;
  }
  return n;
}

/** Records the archives service's visa on a bordereau; the next run of the job executes it. */
export async function viserBordereau(ctx: CommuneCtx, id: number, values: unknown): Promise<void> {
  if (!canViserBordereau(ctx.actor)) throw forbidden();
  const parsed = visaSchema.safeParse(values ?? {});
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const i of parsed.error.issues) fields[String(i.path[0])] ??= i.message;
    throw invalid('Le formulaire contient des erreurs.', fields);
  }
  const v = parsed.data;
  if (v.visa_date > toParisLocal(ctx.now()).date) {
    throw invalid('Le formulaire contient des erreurs.', {
      visa_date: 'La date du visa ne peut pas être dans le futur.',
    });
  }
  await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const b = await repo.findBordereau(scope, id);
    if (!b) throw notFound('Ce bordereau n’existe pas.');
    const ok = await repo.recordVisa(scope, id, {
      date: v.visa_date,
      service: v.visa_service,
      reference: v.visa_reference,
      userId: actorUserId(ctx.actor),
    });
    if (!ok) throw conflict('Ce bordereau a déjà reçu le visa du service d’archives.');
    await appendAuditEvent(trx, {
      communeId: ctx.commune.id,
      occurredAt: ctx.now(),
      action: 'rgpd.bordereau_vise',
      actorUserId: actorUserId(ctx.actor),
      objectType: 'rgpd_bordereau',
      objectId: id,
      details: { date: v.visa_date, service: v.visa_service, reference: v.visa_reference },
    });
  });
}

export async function listBordereaux(ctx: CommuneCtx): Promise<repo.Bordereau[]> {
  if (!canConsulterRgpd(ctx.actor)) throw forbidden();
  return repo.listBordereaux(new TenantScope(ctx.db, ctx.commune.id));
}

export async function getBordereau(
  ctx: CommuneCtx,
  id: number,
): Promise<{ bordereau: repo.Bordereau; items: repo.Item[] }> {
  if (!canConsulterRgpd(ctx.actor)) throw forbidden();
  const scope = new TenantScope(ctx.db, ctx.commune.id);
  const bordereau = await repo.findBordereau(scope, id);
  if (!bordereau) throw notFound('Ce bordereau n’existe pas.');
  return { bordereau, items: await repo.listItems(scope, id) };
}
