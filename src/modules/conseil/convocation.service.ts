import type { CommuneCtx } from '../../core/context.js';
import { randomToken, sha256Hex } from '../../core/crypto.js';
import { conflict, notFound } from '../../core/errors.js';
import { bumpContentVersion } from '../../core/http/page-cache.js';
import { enqueueMail } from '../../core/mail/index.js';
import { TenantScope } from '../../core/tenancy/index.js';
import { auditConseil, loadDossier, manageScope, nomComplet, type SeanceDossier } from './conseil.dossier.js';
import * as repo from './conseil.repo.js';
import { documentOf } from './conseil.service.js';
import { dateLongue, heureFr } from './conseil.templates.js';

/** The convocation (L2121-10): by e-mail with a personal link, on paper for those who asked. */

export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

function mailText(
  d: SeanceDossier,
  communeNom: string,
  m: repo.Membre,
  link: string,
): { subject: string; text: string } {
  const s = d.seance;
  const when = `${dateLongue(s.date)} à ${heureFr(s.heure)}`;
  return {
    subject: `Convocation au conseil municipal de ${communeNom} – ${when}`,
    text: [
      `Madame, Monsieur ${m.nom},`,
      '',
      `Vous êtes convoqué(e) à la séance ${s.type === 'extraordinaire' ? 'extraordinaire ' : ''}du conseil municipal de ${communeNom}, le ${when}, ${s.lieu}.`,
      s.urgence ? 'Cette séance est convoquée en urgence : le conseil se prononcera sur l’urgence à l’ouverture.' : '',
      '',
      'Ordre du jour :',
      ...d.points.map((p) => `${p.numero}. ${p.titre}`),
      '',
      'Les notes explicatives et les documents de la séance sont à votre disposition à cette adresse personnelle :',
      link,
      'L’ouverture de ce lien vaut accusé de réception de la convocation. Ne le transférez pas.',
      '',
      `Le maire de ${communeNom}`,
    ]
      .filter((line, i, all) => line !== '' || (all[i - 1] ?? '') !== '')
      .join('\n'),
  };
}

/**
 * Sends the convocation: one personal link per member in office (only its digest is kept), an
 * e-mail queued in the same transaction for those convened electronically, the paper ones listed
 * for printing; the date is recorded and shown on the public site, and the délai is checked.
 */
export async function envoyerConvocation(
  ctx: CommuneCtx,
  args: { seanceId: number; baseUrl: string },
): Promise<{ envoyes: number; papier: number; enRetard: boolean }> {
  manageScope(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const scope = new TenantScope(trx, ctx.commune.id);
    const before = await loadDossier(scope, ctx.commune, args.seanceId);
    if (before.seance.convoqueeLe) throw conflict('La convocation de cette séance est déjà envoyée.');
    if (before.points.length === 0) throw conflict('Ajoutez au moins un point à l’ordre du jour avant de convoquer.');
    if (before.enExercice.length === 0) throw conflict('Aucun membre du conseil n’est en exercice à cette date.');
    const now = ctx.now();
    const nowIso = now.toISOString();
    await repo.updateSeanceState(scope, args.seanceId, { convoquee_le: nowIso }, nowIso);
    const d = await loadDossier(scope, ctx.commune, args.seanceId);
    const enRetard = d.delai?.enRetard ?? false;
    let envoyes = 0;
    let papier = 0;
    for (const m of d.enExercice) {
      const token = randomToken();
      const canal = m.convocationPapier || !m.email ? 'papier' : 'email';
      await repo.insertConvocation(
        scope,
        { seanceId: args.seanceId, membreId: m.id, tokenHash: sha256Hex(token), canal },
        nowIso,
      );
      if (canal === 'email' && m.email) {
        const link = `${args.baseUrl}/conseil/convocation/${token}`;
        const mail = mailText(d, ctx.commune.nom, m, link);
        await enqueueMail(trx, { communeId: ctx.commune.id, to: m.email, ...mail }, now);
        envoyes++;
      } else papier++;
    }
    await bumpContentVersion(trx, ctx.commune.id);
    await auditConseil(trx, ctx, 'conseil.convocation_sent', 'conseil_seance', args.seanceId, {
      envoyes,
      papier,
      joursFrancs: d.delai?.francs ?? null,
      delaiRequis: d.delai?.requis ?? null,
      enRetard,
    });
    return { envoyes, papier, enRetard };
  });
}

export interface ConvocationOuverte {
  dossier: SeanceDossier;
  membre: string;
}

async function findByToken(ctx: CommuneCtx, token: string) {
  if (!TOKEN_PATTERN.test(token)) throw notFound('Ce lien de convocation n’est pas valide.');
  const scope = new TenantScope(ctx.db, ctx.commune.id);
  const c = await repo.findConvocationByHash(scope, sha256Hex(token));
  if (!c) throw notFound('Ce lien de convocation n’est pas valide.');
  return { scope, c };
}

/**
 * A member opens their personal link: the séance's file is shown, and the opening recorded (the
 * first one is the acknowledgement shown in the back-office).
 */
export async function ouvrirConvocation(ctx: CommuneCtx, token: string): Promise<ConvocationOuverte> {
  const { scope, c } = await findByToken(ctx, token);
  await ctx.db.transaction().execute(async (trx) => {
    const tscope = new TenantScope(trx, ctx.commune.id);
    await repo.markConvocationOpened(tscope, c.id, ctx.now().toISOString());
    if (c.ouverteLe === null) {
      await auditConseil(trx, ctx, 'conseil.convocation_opened', 'conseil_seance', c.seanceId, {
        membreId: c.membreId,
      });
    }
  });
  const dossier = await loadDossier(scope, ctx.commune, c.seanceId);
  const m = dossier.membres.find((x) => x.id === c.membreId);
  return { dossier, membre: m ? nomComplet(m) : '' };
}

/** A document of the séance, through a member's personal link. */
export async function documentParConvocation(ctx: CommuneCtx, token: string, documentId: number) {
  const { scope, c } = await findByToken(ctx, token);
  return documentOf(scope, c.seanceId, documentId);
}
