import type { CommuneCtx } from '../../core/context.js';
import { parisToUtc, toParisLocal } from '../../core/paris-time.js';
import { changeActualitePublication, createActualite } from './actualites.service.js';

/** Demo actualités of Bellerive-sur-Lys: two months of village news, one scheduled, one draft. */

const DAY_MS = 86_400_000;
const DAY = new Intl.DateTimeFormat('fr-FR', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  timeZone: 'Europe/Paris',
});

interface DemoActualite {
  /** Days from now: negative in the past (published then), positive for the scheduled one, null for the draft. */
  publishedIn: number | null;
  title: string;
  chapo: string;
  body: (day: (offset: number) => string) => string;
}

const ITEMS: DemoActualite[] = [
  {
    publishedIn: -2,
    title: 'Travaux de voirie rue de la Lys',
    chapo:
      'La chaussée de la rue de la Lys est refaite entre la place de l’Église et le pont : circulation alternée pendant trois semaines.',
    body: (
      d,
    ) => `<p>Les travaux de réfection de la chaussée commencent le ${d(5)}, entre la place de l’Église et le pont de la Lys. L’entreprise Voiries du Ternois remplace l’enrobé et reprend les bordures de trottoir.</p>
<h2>Circulation et stationnement</h2>
<ul><li>Circulation alternée par feux, de 8 h à 17 h, du lundi au vendredi ;</li><li>stationnement interdit sur la portion en travaux ;</li><li>accès des riverains maintenu le soir et le week-end.</li></ul>
<p>Le ramassage des ordures ménagères est assuré normalement : sortez vos bacs la veille au soir comme d’habitude.</p>`,
  },
  {
    publishedIn: -5,
    title: 'Repas des aînés : inscriptions ouvertes',
    chapo:
      'Le traditionnel repas des aînés aura lieu à la salle des fêtes. Les habitants de 70 ans et plus s’inscrivent en mairie.',
    body: (
      d,
    ) => `<p>Le centre communal d’action sociale invite les Bellerivoises et Bellerivois de 70 ans et plus au repas des aînés, le ${d(16)} à midi, à la salle des fêtes.</p>
<p>Inscriptions en mairie ou par téléphone au 03 21 00 00 00 jusqu’au ${d(8)}. Les conjoints plus jeunes sont les bienvenus (participation de 25 euros).</p>
<p>Un service de transport est proposé aux personnes qui ne peuvent pas se déplacer : signalez-le lors de l’inscription.</p>`,
  },
  {
    publishedIn: -9,
    title: 'Ce qu’a décidé le conseil municipal',
    chapo:
      'Tarifs de la cantine, subventions aux associations et rénovation de l’éclairage public : les principales décisions de la dernière séance.',
    body: () => `<p>Réuni en séance publique, le conseil municipal a adopté l’ensemble des points à l’ordre du jour.</p>
<ul><li><strong>Cantine scolaire</strong> : le prix du repas reste à 3,20 euros pour 2027 ;</li><li><strong>associations</strong> : 14 500 euros de subventions répartis entre douze associations ;</li><li><strong>éclairage public</strong> : remplacement de 86 lampadaires par des lampes à LED, avec l’aide du syndicat d’énergie ;</li><li><strong>voirie</strong> : programme de travaux de la rue de la Lys.</li></ul>
<p>Le procès-verbal complet est affiché en mairie et consultable sur le site dès son approbation.</p>`,
  },
  {
    publishedIn: -12,
    title: 'Collecte de sang à la salle des fêtes',
    chapo:
      'L’Établissement français du sang organise une collecte à Bellerive-sur-Lys. Chaque don compte : prenez rendez-vous.',
    body: (
      d,
    ) => `<p>Une collecte de sang aura lieu le ${d(4)}, de 14 h 30 à 19 h, à la salle des fêtes, rue du Marais.</p>
<p>Pour donner, il faut avoir entre 18 et 70 ans, peser au moins 50 kg et être en bonne santé. Pensez à manger avant de venir et à apporter une pièce d’identité.</p>
<p>Rendez-vous conseillé sur le site de l’Établissement français du sang ; les donneurs sans rendez-vous sont accueillis dans la limite des places.</p>`,
  },
  {
    publishedIn: -16,
    title: 'Inscriptions à l’école Jules-Ferry pour la rentrée 2027',
    chapo:
      'Les enfants nés en 2024 entrent en petite section : les familles peuvent dès maintenant retirer le dossier d’inscription en mairie.',
    body: () => `<p>Les inscriptions pour la rentrée de septembre 2027 sont ouvertes. Elles concernent les enfants nés en 2024 et les nouveaux habitants.</p>
<h2>Pièces à fournir</h2>
<ul><li>le livret de famille ou un extrait d’acte de naissance ;</li><li>un justificatif de domicile de moins de trois mois ;</li><li>le carnet de santé (vaccinations à jour).</li></ul>
<p>Une fois le certificat d’inscription délivré par la mairie, prenez rendez-vous avec la directrice, Mme Caron, au 03 21 00 00 10.</p>`,
  },
  {
    publishedIn: -17,
    title: 'Cérémonie du 11 Novembre : merci à tous',
    chapo:
      'Élus, anciens combattants, pompiers et écoliers se sont réunis devant le monument aux morts pour l’anniversaire de l’Armistice.',
    body: () => `<p>Plus de cent personnes ont assisté à la cérémonie au monument aux morts. Les élèves de CM2 ont lu des lettres de poilus et la fanfare de l’Harmonie municipale a joué la Marseillaise.</p>
<p>La municipalité remercie les anciens combattants, le centre de première intervention et les enseignants pour leur participation. Le verre de l’amitié a ensuite été servi à la salle des fêtes.</p>`,
  },
  {
    publishedIn: -22,
    title: 'Nouveaux horaires de la déchèterie intercommunale',
    chapo: 'La déchèterie des Rives de la Lys passe à l’horaire d’hiver : elle ferme désormais à 17 h.',
    body: () => `<p>La communauté de communes des Rives de la Lys informe que la déchèterie de la zone artisanale adopte ses horaires d’hiver jusqu’au 31 mars :</p>
<ul><li>du lundi au vendredi : 9 h – 12 h et 13 h 30 – 17 h ;</li><li>le samedi : 9 h – 17 h ;</li><li>fermée le dimanche et les jours fériés.</li></ul>
<p>L’accès se fait avec la carte de déchèterie, à demander à la communauté de communes.</p>`,
  },
  {
    publishedIn: -27,
    title: 'Élagage : pensez à tailler vos haies',
    chapo:
      'Les branches qui dépassent sur la voie publique gênent les piétons et les lignes électriques. Les riverains sont tenus de les couper.',
    body: () => `<p>Le propriétaire d’un terrain en bordure de voie est responsable de l’élagage des arbres et des haies qui avancent sur le domaine public.</p>
<p>Merci de tailler vos plantations avant la fin de l’année, en particulier le long des trottoirs et près des lignes électriques ou téléphoniques. Les déchets verts peuvent être déposés à la déchèterie.</p>`,
  },
  {
    publishedIn: -33,
    title: 'La bibliothèque ouvre aussi le mercredi après-midi',
    chapo:
      'Grâce à l’arrivée de deux bénévoles, la bibliothèque municipale vous accueille désormais le mercredi de 14 h à 17 h.',
    body: () => `<p>La bibliothèque municipale, installée dans l’ancienne école des filles, élargit ses horaires : elle est ouverte le mercredi de 14 h à 17 h et le samedi de 10 h à 12 h.</p>
<p>L’inscription est gratuite pour tous les habitants. Plus de 4 000 livres, bandes dessinées et revues sont à votre disposition, ainsi que le catalogue de la médiathèque départementale.</p>`,
  },
  {
    publishedIn: -40,
    title: 'Brioches de l’amitié : 1 240 euros collectés',
    chapo:
      'L’opération au profit de l’association des parents d’enfants inadaptés a rencontré un beau succès à Bellerive-sur-Lys.',
    body: () => `<p>Les bénévoles ont vendu 248 brioches en porte-à-porte et devant la boulangerie. La somme collectée, 1 240 euros, est entièrement reversée à l’association qui accompagne les personnes en situation de handicap mental du secteur.</p>
<p>Merci aux habitants pour leur accueil et aux bénévoles pour leur engagement.</p>`,
  },
  {
    publishedIn: -48,
    title: 'Fibre optique : réunion publique d’information',
    chapo:
      'Le déploiement de la fibre arrive dans les hameaux du Marais et de la Haute-Borne. Une réunion publique présente le calendrier.',
    body: () => `<p>Le syndicat mixte du numérique présentera le calendrier de raccordement des hameaux du Marais et de la Haute-Borne lors d’une réunion publique à la salle des fêtes.</p>
<p>Vous pourrez y vérifier l’éligibilité de votre adresse et poser vos questions aux opérateurs présents. Les logements du centre-bourg sont déjà raccordables.</p>`,
  },
  {
    publishedIn: -55,
    title: 'Retour sur la fête de la soupe',
    chapo:
      'Quatorze soupes en compétition et plus de trois cents visiteurs : la fête de la soupe a réchauffé la place de l’Église.',
    body: () => `<p>Potiron, poireaux, chou vert ou lentilles : quatorze équipes ont fait goûter leur soupe aux visiteurs. Le jury a récompensé la soupe de cresson de l’équipe du comité des fêtes.</p>
<p>Les bénéfices de la buvette financeront la classe de découverte des élèves de l’école Jules-Ferry au printemps.</p>`,
  },
  {
    publishedIn: 5,
    title: 'Colis de Noël des aînés',
    chapo:
      'Les élus distribueront les colis de Noël aux habitants de 75 ans et plus qui ne participent pas au repas des aînés.',
    body: (
      d,
    ) => `<p>Les membres du conseil municipal et du centre communal d’action sociale passeront à domicile le ${d(12)} pour remettre les colis de Noël aux aînés de 75 ans et plus.</p>
<p>Si vous êtes absent ce jour-là, votre colis vous attendra en mairie jusqu’à la fin de l’année.</p>`,
  },
  {
    publishedIn: null,
    title: 'Bulletin municipal de janvier : appel aux associations',
    chapo:
      'Les associations qui souhaitent présenter leurs activités dans le bulletin de janvier envoient leur texte à la mairie.',
    body: () =>
      `<p>Le bulletin municipal de janvier présentera le calendrier des manifestations de l’année. Envoyez à la mairie un texte de 1 500 signes au plus et, si vous le souhaitez, une photographie libre de droits.</p>`,
  },
];

/** French typography: a no-break space before ; : ! ? » and after «. */
const typo = (text: string): string => text.replace(/ ([;:!?»])/g, '\u00a0$1').replace(/« /g, '«\u00a0');

/** Seeds the demo actualités; dates are relative to `ctx.now()`. */
export async function seedActualitesDemo(ctx: CommuneCtx): Promise<void> {
  const base = ctx.now().getTime();
  const day = (offset: number) => DAY.format(new Date(base + offset * DAY_MS));
  for (const item of ITEMS) {
    // A past publication is written with the clock of that morning, so that its date is the one shown.
    const past = item.publishedIn !== null && item.publishedIn < 0;
    const morning = past
      ? parisToUtc(toParisLocal(new Date(base + (item.publishedIn ?? 0) * DAY_MS)).date, '09:30')
      : null;
    const at = morning ? { ...ctx, now: () => morning } : ctx;
    const input = {
      title: typo(item.title),
      slug: '',
      chapo: typo(item.chapo),
      body: typo(item.body(day)),
      imageUrl: null,
      imageAlt: '',
    };
    const id = await createActualite(at, input);
    if (item.publishedIn === null) continue;
    if (past) await changeActualitePublication(at, id, 'publier');
    else await changeActualitePublication(ctx, id, 'programmer', new Date(base + item.publishedIn * DAY_MS));
  }
}
