/** The demo commune's pages: what a village site usually holds, written as a mairie would. */
export interface DemoPage {
  slug: string;
  title: string;
  summary: string;
  body: string;
  children?: DemoPage[];
}

export const DEMO_PAGES: DemoPage[] = [
  {
    slug: 'mairie',
    title: 'Mairie',
    summary: 'Horaires, élus, conseil municipal et services de la mairie.',
    body: `La mairie vous accueille au 1, place de l’Église, du lundi au samedi matin. Le secrétariat répond à vos questions sur l’état civil, l’urbanisme, les listes électorales, le cimetière et la location des salles.

## Prendre rendez-vous
Pour un dossier d’urbanisme ou un mariage, prenez rendez-vous par téléphone au 03 21 00 00 00 : le secrétariat vous réservera le temps nécessaire.`,
    children: [
      {
        slug: 'elus',
        title: 'Le maire et les élus',
        summary: 'Le conseil municipal élu en 2026 et les délégations des adjoints.',
        body: `Le conseil municipal compte 15 membres. Le maire reçoit sur rendez-vous le samedi matin.

- Maire : Mme Claire Delattre
- 1er adjoint, travaux et voirie : M. Jean-Marc Lefebvre
- 2e adjointe, écoles et jeunesse : Mme Sophie Caron
- 3e adjoint, associations et vie locale : M. Karim Benali`,
      },
      {
        slug: 'etat-civil',
        title: 'État civil',
        summary: 'Naissances, mariages, PACS, décès et demandes d’actes.',
        body: `Les actes de naissance, de mariage et de décès survenus à Bellerive-sur-Lys sont délivrés gratuitement par la mairie.

## Demander un acte
Indiquez le nom, les prénoms et la date de l’événement, ainsi que la filiation pour une copie intégrale ou un extrait avec filiation. L’acte vous est envoyé par courrier.

## Mariage et PACS
Le dossier de mariage est à déposer au moins un mois avant la date choisie. Le PACS est enregistré en mairie sur rendez-vous.`,
      },
      {
        slug: 'urbanisme',
        title: 'Urbanisme',
        summary: 'Permis de construire, déclarations préalables et plan local d’urbanisme.',
        body: `Avant tout projet de construction, d’extension, de clôture ou de ravalement, renseignez-vous en mairie : la plupart des travaux demandent une déclaration préalable ou un permis de construire.

Le plan local d’urbanisme intercommunal est consultable en mairie aux heures d’ouverture.`,
      },
    ],
  },
  {
    slug: 'vie-pratique',
    title: 'Vie pratique',
    summary: 'Déchets, eau, salles communales, cimetière et numéros utiles.',
    body: `Retrouvez ici les informations du quotidien à Bellerive-sur-Lys.`,
    children: [
      {
        slug: 'dechets',
        title: 'Collecte des déchets',
        summary: 'Jours de collecte, déchèterie et encombrants.',
        body: `La collecte est assurée par la communauté de communes.

- Ordures ménagères : le mardi matin
- Emballages et papiers (bac jaune) : le vendredi des semaines paires
- Verre : points d’apport volontaire place de l’Église et rue du Moulin

## Déchèterie
La déchèterie intercommunale, route de Lillers, est ouverte du mardi au samedi de 9 h à 12 h et de 14 h à 18 h.`,
      },
      {
        slug: 'salles',
        title: 'Location des salles',
        summary: 'Salle des fêtes et salle de réunion : capacités et tarifs.',
        body: `La commune loue la salle des fêtes (200 personnes) et la salle de réunion (40 personnes) aux habitants et aux associations.

- Salle des fêtes, week-end, habitants : 250 €
- Salle des fêtes, week-end, extérieurs : 450 €
- Salle de réunion, journée : 60 €

Les associations de la commune en disposent gratuitement une fois par an.`,
      },
      {
        slug: 'numeros-utiles',
        title: 'Numéros utiles',
        summary: 'Urgences, médecins, pharmacie de garde.',
        body: `- SAMU : 15
- Police secours : 17
- Pompiers : 18
- Numéro d’urgence européen : 112
- Pharmacie de garde : 32 37`,
      },
    ],
  },
  {
    slug: 'enfance',
    title: 'Enfance et jeunesse',
    summary: 'École, cantine, garderie et centre de loisirs.',
    body: `L’école Jules-Ferry accueille 180 élèves de la petite section au CM2, rue des Écoles.

## Cantine
Les repas sont préparés sur place. L’inscription se fait en mairie pour l’année scolaire.

## Garderie périscolaire
La garderie accueille les enfants de 7 h 30 à 8 h 30 et de 16 h 30 à 18 h 30, les jours d’école.`,
  },
  {
    slug: 'associations',
    title: 'Associations',
    summary: 'Sport, culture, solidarité : les associations de la commune.',
    body: `Bellerive-sur-Lys compte une vingtaine d’associations.

- Football Club de Bellerive
- Les Amis de la Lys (randonnée et patrimoine)
- Comité des fêtes
- Club des aînés « Les Hirondelles »
- Bibliothèque pour tous

Une association souhaite apparaître sur cette page ? Écrivez à la mairie.`,
  },
];
