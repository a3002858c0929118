import type { CommuneCtx } from '../../core/context.js';
import { addMonths } from './demarches.rules.js';
import { deposerDemande } from './demarches.service.js';
import { changerStatut } from './instruction.service.js';

const DAY = 86_400_000;

/**
 * État civil requests (silence vaut acceptation, two months) received long enough ago that one is
 * past its implicit-decision date and one is due within days: the dashboard shows them.
 */
export async function seedEtatCivilDemo(ctx: CommuneCtx): Promise<void> {
  const now = ctx.now();
  const twoMonthsAgo = (shiftDays: number) => {
    const back = addMonths(now.toISOString().slice(0, 10), -2);
    return new Date(Date.parse(`${back}T09:30:00Z`) + shiftDays * DAY);
  };
  const requests = [
    { at: twoMonthsAgo(-4), prenom: 'Odile', nom: 'Vasseur', acte: 'naissance', statut: 'instruction' as const },
    { at: twoMonthsAgo(3), prenom: 'Rémi', nom: 'Hochart', acte: 'mariage', statut: null },
  ];
  for (const r of requests) {
    const at = { ...ctx, now: () => r.at };
    const depot = await deposerDemande(at, {
      slug: 'etat-civil',
      values: {
        acte: r.acte,
        document: 'extrait_sans_filiation',
        lien: 'interesse',
        nom_personne: r.nom,
        prenoms_personne: r.prenom,
        date_evenement: '1984-06-02',
        lieu_evenement: 'Bellerive-sur-Lys',
        prenom: r.prenom,
        nom: r.nom,
        email: `${r.nom.toLowerCase()}.etat-civil@exemple.fr`,
        adresse: '14 rue de la Gare, 62000 Bellerive-sur-Lys',
      },
      file: null,
      canal: 'en_ligne',
      baseUrl: 'http://localhost',
    });
    if (r.statut)
      await changerStatut(at, { id: depot.id, to: r.statut, motif: 'Recherche de l’acte dans les registres.' });
  }
}
