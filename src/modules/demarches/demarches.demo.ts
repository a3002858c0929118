import type { CommuneCtx } from '../../core/context.js';
import { addDays, toParisLocal } from '../../core/paris-time.js';
import type { Status } from './demarches.rules.js';
import { deposerDemande } from './demarches.service.js';
import { seedEtatCivilDemo } from './instruction.demo.js';
import { ajouterMessage, changerStatut } from './instruction.service.js';
import { enregistrerSalles } from './reservation.service.js';

const HOUR = 3_600_000;

const PEOPLE = [
  ['Martine', 'Delattre', '12 rue des Écoles'],
  ['Kévin', 'Lefebvre', '3 impasse du Moulin'],
  ['Nadia', 'Benali', '27 route de Lillers'],
  ['Jean-Pierre', 'Wallet', '5 place de l’Église'],
  ['Sophie', 'Caron', '41 rue du Marais'],
  ['Hugo', 'Dupuis', '8 chemin des Saules'],
] as const;

const CONTACTS = [
  ['Horaires de la déchetterie', 'Bonjour, quels sont les horaires d’hiver de la déchetterie intercommunale ?'],
  ['Inscription à l’école', 'Nous emménageons en janvier : comment inscrire notre fille en CE1 ?'],
  ['Colis des aînés', 'Ma mère a 72 ans, peut-elle recevoir le colis de Noël ?'],
  ['Bruit du chantier', 'Le chantier rue du Marais commence à 6 h 30 : est-ce autorisé ?'],
] as const;

const SIGNALEMENTS = [
  [
    'eclairage',
    'Le lampadaire devant le n° 14 ne s’allume plus depuis une semaine.',
    'Rue des Écoles, devant le n° 14',
  ],
  ['voirie', 'Un nid-de-poule profond s’est formé au milieu de la chaussée.', 'Route de Lillers, sortie du village'],
  ['proprete', 'Dépôt sauvage de gravats et de pneus au bord du chemin.', 'Chemin des Saules, près du pont'],
  ['espaces_verts', 'Une branche cassée menace de tomber sur l’aire de jeux.', 'Square de la mairie'],
] as const;

/** The statuses the demo requests reach, in order (older requests are further along). */
const PATHS: Status[][] = [
  [],
  [],
  ['instruction'],
  ['complements'],
  ['instruction', 'acceptee'],
  ['instruction', 'refusee'],
  ['close'],
  ['instruction'],
];

/** Demo requests of Bellerive-sur-Lys: contacts and signalements over three weeks, in every state. */
export async function seedDemarchesDemo(ctx: CommuneCtx): Promise<void> {
  await enregistrerSalles(ctx, SALLES);
  await seedEtatCivilDemo(ctx);
  const start = ctx.now().getTime();
  for (let i = 0; i < 32; i += 1) {
    // Oldest first, so that the references follow the dates of receipt.
    const age = 31 - i;
    const at = new Date(start - (age * 15 + 2) * HOUR);
    const at2 = new Date(at.getTime() + 20 * HOUR);
    const person = PEOPLE[i % PEOPLE.length] as (typeof PEOPLE)[number];
    const signalement = i % 2 === 1;
    const values = signalement
      ? (([categorie, description, lieu]) => ({ categorie, description, lieu }))(
          SIGNALEMENTS[i % SIGNALEMENTS.length] as readonly string[],
        )
      : (([objet, question]) => ({ objet, question }))(CONTACTS[i % CONTACTS.length] as readonly string[]);
    const depot = await deposerDemande(
      { ...ctx, now: () => at },
      {
        slug: signalement ? 'signalement' : 'contact',
        values: {
          ...values,
          prenom: person[0],
          nom: person[1],
          email: `${person[1].toLowerCase()}.${i}@exemple.fr`,
          adresse: `${person[2]}, 62000 Bellerive-sur-Lys`,
        },
        file: null,
        canal: i % 5 === 4 ? 'guichet' : 'en_ligne',
        baseUrl: 'http://localhost',
      },
    );
    const later = { ...ctx, now: () => (at2.getTime() < start ? at2 : new Date(start)) };
    const path = age < 3 ? [] : (PATHS[age % PATHS.length] as Status[]);
    for (const to of path) {
      await changerStatut(later, { id: depot.id, to, motif: MOTIFS[to] });
    }
    if (i % 4 === 2)
      await ajouterMessage(later, { id: depot.id, body: 'Transmis aux services techniques.', kind: 'note' });
  }
  await seedReservationsDemo(ctx);
}

const MOTIFS: Record<Status, string> = {
  recue: '',
  instruction: 'Demande prise en charge par le secrétariat.',
  complements: 'Merci de nous envoyer une photo ou un plan pour localiser précisément le problème.',
  acceptee: 'C’est fait : l’intervention a eu lieu. Merci de votre signalement.',
  refusee: 'Ce point relève de la communauté de communes : nous lui avons transmis votre demande.',
  close: 'Réponse apportée par téléphone.',
};

const SALLES = [
  {
    slug: 'salle-des-fetes',
    nom: 'Salle des fêtes',
    capacite: 180,
    tarifs: 'Habitants : 160 € le week-end, 90 € la journée en semaine ; associations de la commune : gratuit.',
    description: 'Grande salle avec cuisine équipée, scène et parking, rue de la Lys.',
    equipements: 'Cuisine équipée\nScène\nSonorisation\nParking de 40 places',
  },
  {
    slug: 'salle-de-reunion',
    nom: 'Salle de réunion de la mairie',
    capacite: 30,
    tarifs: 'Gratuite pour les associations de la commune et les réunions publiques.',
    description: 'Au rez-de-chaussée de la mairie, accessible en fauteuil roulant.',
    equipements: 'Vidéoprojecteur\nTables modulables',
  },
];

const BOOKINGS = [
  ['salle-des-fetes', 12, 'soiree', 'Anniversaire (50 ans)', '80'],
  ['salle-des-fetes', 26, 'apres_midi', 'Goûter de l’association des parents d’élèves', '120'],
  ['salle-de-reunion', 5, 'soiree', 'Assemblée générale du club de pétanque', '25'],
] as const;

/** A few room booking requests, one of them accepted. */
export async function seedReservationsDemo(ctx: CommuneCtx): Promise<void> {
  const today = toParisLocal(ctx.now()).date;
  for (const [i, [salle, days, creneau, objet, personnes]] of BOOKINGS.entries()) {
    const person = PEOPLE[i] as (typeof PEOPLE)[number];
    const depot = await deposerDemande(ctx, {
      slug: 'reservation-salle',
      values: {
        salle,
        date: addDays(today, days),
        creneau,
        objet,
        personnes,
        prenom: person[0],
        nom: person[1],
        email: `${person[1].toLowerCase()}.salle@exemple.fr`,
        adresse: `${person[2]}, 62000 Bellerive-sur-Lys`,
      },
      file: null,
      canal: 'en_ligne',
      baseUrl: 'http://localhost',
    });
    if (i === 2)
      await changerStatut(ctx, {
        id: depot.id,
        to: 'acceptee',
        motif: 'Réservation confirmée. Les clés sont à retirer en mairie la veille.',
      });
  }
}
