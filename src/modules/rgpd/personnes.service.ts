import { appendAuditEvent } from '../../core/audit/index.js';
import { actorUserId, type CommuneCtx } from '../../core/context.js';
import { forbidden, invalid } from '../../core/errors.js';
import { toParisLocal } from '../../core/paris-time.js';
import { TenantScope } from '../../core/tenancy/index.js';
import { categoriesOf, type RetentionCtx, removeUnreferenced } from './conservation.service.js';
import { canTraiterDroits } from './rgpd.policy.js';
import {
  ALWAYS_ERASABLE,
  type CategoryDef,
  demandeErasure,
  type ErasureDecision,
  isDemandeClosed,
} from './rgpd.rules.js';
import { emailSchema } from './rgpd.schemas.js';
import * as sources from './sources.repo.js';

/** One piece of a person's data, with what erasure would do to it. */
export interface PersonItem {
  kind: 'demande' | 'alerte_abonne' | 'courriel' | 'journal' | 'compte';
  id: number;
  /** What it is, in French, without more personal data than the agent needs to recognize it. */
  label: string;
  detail: string;
  decision: ErasureDecision;
}

export interface PersonData {
  email: string;
  items: PersonItem[];
  /** Everything held, for the export (RGPD art. 15 and 20). */
  raw: {
    demandes: sources.PersonDemande[];
    abonnements: Awaited<ReturnType<typeof sources.findAbonnes>>;
    courriels: Awaited<ReturnType<typeof sources.findMails>>;
    journal: Awaited<ReturnType<typeof sources.findAuditPersonal>>;
    comptes: Awaited<ReturnType<typeof sources.findAccounts>>;
  };
}

export function parseEmail(value: unknown): string {
  const parsed = emailSchema.safeParse(value);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'Adresse invalide.';
    throw invalid(message, { email: message });
  }
  return parsed.data;
}

const STATUS_LABELS: Record<string, string> = {
  recue: 'reçue',
  instruction: 'en instruction',
  complements: 'en attente de compléments',
  acceptee: 'acceptée',
  refusee: 'refusée',
  close: 'close',
};

const ACCOUNT_DECISION: ErasureDecision = {
  allowed: false,
  reason:
    'Compte d’accès d’un agent ou d’un élu : il se désactive depuis la page Utilisateurs, par un administrateur, quand la personne quitte ses fonctions.',
};

async function gather(scope: TenantScope, email: string, today: string): Promise<PersonData> {
  const [demandes, abonnements, courriels, journal, comptes, categories] = await Promise.all([
    sources.findDemandesByEmail(scope, email),
    sources.findAbonnes(scope, email),
    sources.findMails(scope, email),
    sources.findAuditPersonal(scope, email),
    sources.findAccounts(scope, email),
    categoriesOf(scope),
  ]);
  const items: PersonItem[] = [];
  for (const d of demandes) {
    const def = categories.defs.find((c) => c.key === `demande:${d.slug}`) as CategoryDef;
    const closedOn = isDemandeClosed(d.status) ? toParisLocal(new Date(d.updatedAt)).date : null;
    items.push({
      kind: 'demande',
      id: d.id,
      label: `Demande ${d.reference} – ${d.typeTitle}`,
      detail: `Reçue le ${toParisLocal(new Date(d.receivedAt)).date.split('-').reverse().join('/')}, ${STATUS_LABELS[d.status] ?? d.status}`,
      decision: demandeErasure(
        { status: d.status, closedOn, category: def, retention: categories.retention(def) },
        today,
      ),
    });
  }
  for (const a of abonnements) {
    items.push({
      kind: 'alerte_abonne',
      id: a.id,
      label: 'Abonnement aux alertes',
      detail: a.status === 'confirme' ? 'Confirmé' : 'Non confirmé',
      decision: ALWAYS_ERASABLE.alerte_abonne,
    });
  }
  for (const m of courriels) {
    items.push({
      kind: 'courriel',
      id: m.id,
      label: `Courriel « ${m.subject} »`,
      detail: `Envoyé le ${toParisLocal(new Date(m.createdAt)).date.split('-').reverse().join('/')}`,
      decision:
        m.status === 'pending'
          ? { allowed: false, reason: 'Courriel en cours d’envoi : il pourra être effacé une fois parti.' }
          : ALWAYS_ERASABLE.courriel,
    });
  }
  for (const j of journal) {
    items.push({
      kind: 'journal',
      id: j.id,
      label: `Journal de traçabilité, événement n° ${j.seq}`,
      detail: j.action,
      decision: ALWAYS_ERASABLE.journal,
    });
  }
  for (const c of comptes) {
    items.push({
      kind: 'compte',
      id: c.userId,
      label: `Compte ${c.displayName}`,
      detail: c.role,
      decision: ACCOUNT_DECISION,
    });
  }
  return { email, items, raw: { demandes, abonnements, courriels, journal, comptes } };
}

/** Everything the commune holds on an e-mail address, with the erasure decision of each item. */
export async function rechercherPersonne(ctx: CommuneCtx, rawEmail: unknown): Promise<PersonData> {
  if (!canTraiterDroits(ctx.actor)) throw forbidden();
  const email = parseEmail(rawEmail);
  return gather(new TenantScope(ctx.db, ctx.commune.id), email, toParisLocal(ctx.now()).date);
}

/**
 * The export of a person's data (RGPD art. 15 and 20), as one JSON document. Audited: who exported
 * whose data (the address stays in the audit log's personal part, erasable).
 */
export async function exporterPersonne(ctx: CommuneCtx, rawEmail: unknown): Promise<object> {
  if (!canTraiterDroits(ctx.actor)) throw forbidden();
  const email = parseEmail(rawEmail);
  const now = ctx.now();
  const data = await gather(new TenantScope(ctx.db, ctx.commune.id), email, toParisLocal(now).date);
  await ctx.db.transaction().execute((trx) =>
    appendAuditEvent(trx, {
      communeId: ctx.commune.id,
      occurredAt: now,
      action: 'rgpd.donnees_exportees',
      actorUserId: actorUserId(ctx.actor),
      objectType: 'rgpd_personne',
      details: { elements: data.items.length },
      personal: { email },
    }),
  );
  return {
    commune: ctx.commune.nom,
    adresse_electronique: email,
    exporte_le: now.toISOString(),
    demandes: data.raw.demandes.map(({ id: _id, ...d }) => d),
    abonnements_alertes: data.raw.abonnements.map(({ id: _id, ...a }) => a),
    courriels: data.raw.courriels.map(({ id: _id, ...m }) => m),
    journal: data.raw.journal.map(({ id: _id, ...j }) => j),
    comptes: data.raw.comptes.map(({ userId: _id, ...c }) => c),
  };
}

export interface ErasureResult {
  erased: PersonItem[];
  refused: PersonItem[];
}

/**
 * Erasure on request (RGPD art. 17): what may go is anonymized or deleted; what the commune must
 * keep by law is listed with the reason (art. 17(3)(b)). The audit chain is never broken: only
 * the personal part beside it is blanked. The event says how much went, not whose data it was.
 */
export async function effacerPersonne(ctx: RetentionCtx, rawEmail: unknown): Promise<ErasureResult> {
  if (!canTraiterDroits(ctx.actor)) throw forbidden();
  const email = parseEmail(rawEmail);
  const now = ctx.now();
  const { result, hashes } = await ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const data = await gather(scope, email, toParisLocal(now).date);
    const erased = data.items.filter((i) => i.decision.allowed);
    const refused = data.items.filter((i) => !i.decision.allowed);
    const ids = (kind: PersonItem['kind']) => erased.filter((i) => i.kind === kind).map((i) => i.id);
    const hashes: string[] = [];
    hashes.push(...(await sources.anonymizeDemandes(scope, ids('demande'))));
    await sources.deleteAbonnes(scope, ids('alerte_abonne'));
    await sources.deleteMails(scope, ids('courriel'));
    await sources.blankAuditPersonal(scope, ids('journal'));
    const count = (kind: PersonItem['kind']) => erased.filter((i) => i.kind === kind).length;
    await appendAuditEvent(trx, {
      communeId: ctx.commune.id,
      occurredAt: now,
      action: 'rgpd.effacement',
      actorUserId: actorUserId(ctx.actor),
      objectType: 'rgpd_personne',
      details: {
        demandes: count('demande'),
        abonnements: count('alerte_abonne'),
        courriels: count('courriel'),
        journal: count('journal'),
        refuses: refused.length,
      },
    });
    return { result: { erased, refused }, hashes };
  });
  await removeUnreferenced(ctx, hashes);
  return result;
}
