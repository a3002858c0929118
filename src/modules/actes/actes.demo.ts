import type { CommuneCtx } from '../../core/context.js';
import type { FileStore } from '../../core/files/index.js';
import { TenantScope } from '../../core/tenancy/index.js';
import { createActe } from './acte-edit.service.js';
import * as repo from './actes.repo.js';
import type { ActeInput } from './actes.schemas.js';
import { endActe, notifyActe, publishActe, recordTransmission, signActe } from './actes.service.js';
import { idActeOf } from './ctes.service.js';

const MAIRE = { auteurNom: 'Claire Delattre', auteurQualite: 'Maire' };

const arrete = (over: Partial<ActeInput>): ActeInput => ({
  nature: 'arrete_reglementaire',
  numero: '',
  objet: '',
  dateDecision: '2026-10-01',
  matiereCode: '6.1',
  ...MAIRE,
  texte: '',
  transmissionException: null,
  contratAuDessusDuSeuil: false,
  ...over,
});

const visas = (commune: string) =>
  `Le maire de la commune de ${commune},\n\nVu le code général des collectivités territoriales, et notamment ses articles L2212-1, L2212-2 et L2213-1,`;

/**
 * The demo commune's arrêtés: published ones (one transmitted and acknowledged), an individual
 * decision notified (absent from the public register) and one withdrawn. Délibérations come from
 * the conseil module's demo, through createDeliberation.
 */
export async function seedActesDemo(ctx: CommuneCtx & { files: FileStore }): Promise<void> {
  const nom = ctx.commune.nom;
  const publish = async (input: ActeInput, after?: (id: number) => Promise<void>) => {
    const id = await createActe(ctx, input);
    await signActe(ctx, { acteId: id });
    await publishActe(ctx, { acteId: id });
    await after?.(id);
    return id;
  };
  await publish(
    arrete({
      objet: 'Réglementation du stationnement place de l’Église les jours de marché',
      dateDecision: '2026-09-14',
      texte: `${visas(nom)}\n\nConsidérant qu’il convient d’assurer la sécurité des usagers du marché hebdomadaire,\n\nArrête :\n\nArticle 1 : Le stationnement est interdit place de l’Église le mercredi de 6 h à 14 h.\n\nArticle 2 : Le présent arrêté sera publié et transmis au représentant de l’État.`,
    }),
    async (id) => {
      const a = await repo.findActe(new TenantScope(ctx.db, ctx.commune.id), id);
      if (!a) return;
      await recordTransmission(ctx, {
        acteId: id,
        identifiant: idActeOf(ctx, a),
        transmisLe: '2026-09-15',
        arRecuLe: '2026-09-15',
      });
    },
  );
  await publish(
    arrete({
      objet: 'Interdiction de la consommation d’alcool sur la voie publique aux abords des écoles',
      dateDecision: '2026-10-05',
      texte: `${visas(nom)}\n\nConsidérant les troubles constatés aux heures de sortie des classes,\n\nArrête :\n\nArticle 1 : La consommation de boissons alcoolisées est interdite rue des Écoles, de 7 h à 19 h.\n\nArticle 2 : Les infractions seront constatées par procès-verbal.`,
    }),
  );
  await publish(
    arrete({
      objet: 'Fermeture temporaire du chemin de halage pour travaux de berge',
      dateDecision: '2026-11-02',
      matiereCode: '8.3',
      texte: `${visas(nom)}\n\nConsidérant les travaux de confortement de la berge de la Lys,\n\nArrête :\n\nArticle 1 : Le chemin de halage est fermé à la circulation du 9 au 27 novembre 2026.\n\nArticle 2 : Une déviation est mise en place par la rue du Moulin.`,
    }),
  );
  const individuel = await createActe(
    ctx,
    arrete({
      nature: 'arrete_individuel',
      objet: 'Permission de voirie pour l’installation d’un échafaudage 12 rue Haute',
      dateDecision: '2026-10-20',
      matiereCode: '8.3',
      texte: `${visas(nom)}\n\nVu la demande présentée par l’entreprise Lefebvre Façades,\n\nArrête :\n\nArticle 1 : L’entreprise est autorisée à installer un échafaudage au droit du 12 rue Haute du 2 au 13 novembre 2026.`,
    }),
  );
  await signActe(ctx, { acteId: individuel });
  await notifyActe(ctx, { acteId: individuel, notifieLe: '2026-10-21' });
  await publish(
    arrete({
      objet: 'Réglementation des horaires de la déchetterie municipale',
      dateDecision: '2026-06-03',
      matiereCode: '8.8',
      texte: `${visas(nom)}\n\nArrête :\n\nArticle 1 : La déchetterie est ouverte le mercredi et le samedi de 9 h à 12 h et de 14 h à 18 h.`,
    }),
    (id) =>
      endActe(ctx, {
        acteId: id,
        kind: 'retrait',
        date: '2026-07-01',
        motif: 'Remplacé par l’arrêté intercommunal sur les déchetteries',
      }),
  );
}
