import type { Option, Questionnaire, ReferenceFigure } from './questionnaire.types.js';

/**
 * The questionnaire editions, as data. The reference edition follows the national survey of mairies of
 * communes under 10,000 inhabitants; its published figures are REFERENCE_FIGURES. A later edition may add
 * or drop questions but never reuses a code for another meaning.
 */

const OUI_NON: Option[] = [
  { code: 'oui', label: 'Oui' },
  { code: 'non', label: 'Non' },
];
const OUI_NON_NSP: Option[] = [...OUI_NON, { code: 'ne_sait_pas', label: 'Ne sait pas' }];

export const REFERENCE_EDITION: Questionnaire = {
  edition: 'reference-2025',
  titre: 'Baromètre numérique des communes – édition de référence',
  themes: [
    {
      code: 'organisation',
      titre: 'Télétravail et organisation',
      questions: [
        {
          code: 'teletravail_crise',
          type: 'choix',
          label: 'Au plus fort de la crise sanitaire, des agents de la mairie ont-ils télétravaillé ?',
          options: OUI_NON,
          principale: 'oui',
        },
        {
          code: 'teletravail_aujourdhui',
          type: 'choix',
          label: 'Aujourd’hui, des agents de la mairie télétravaillent-ils ?',
          options: [
            { code: 'regulier', label: 'Oui, régulièrement' },
            { code: 'occasionnel', label: 'Oui, occasionnellement' },
            { code: 'non', label: 'Non' },
          ],
          principale: 'occasionnel',
        },
        {
          code: 'effets_durables',
          type: 'choix',
          label: 'La crise sanitaire a-t-elle eu des effets durables sur l’organisation de la mairie ?',
          options: OUI_NON,
          principale: 'oui',
        },
        {
          code: 'effets_negatifs',
          type: 'choix_multiples',
          label: 'Quels effets négatifs ?',
          condition: { question: 'effets_durables', valeurs: ['oui'] },
          options: [
            { code: 'retards', label: 'Des retards dans le traitement des dossiers' },
            { code: 'echanges', label: 'Des échanges plus difficiles entre collègues' },
            { code: 'conditions', label: 'Des conditions de travail dégradées' },
            { code: 'aucun', label: 'Aucun effet négatif' },
          ],
        },
        {
          code: 'effets_positifs',
          type: 'choix_multiples',
          label: 'Quels effets positifs ?',
          condition: { question: 'effets_durables', valeurs: ['oui'] },
          options: [
            { code: 'communication', label: 'De nouvelles façons de communiquer avec les habitants' },
            { code: 'outils', label: 'De meilleurs outils' },
            { code: 'productivite', label: 'Une meilleure productivité' },
            { code: 'aucun', label: 'Aucun effet positif' },
          ],
        },
      ],
    },
    {
      code: 'site',
      titre: 'Site internet et information des habitants',
      questions: [
        {
          code: 'site_internet',
          type: 'choix',
          label: 'La commune a-t-elle un site internet ?',
          options: OUI_NON,
          principale: 'oui',
        },
        {
          code: 'site_usages',
          type: 'choix_multiples',
          label: 'À quoi sert le site internet ?',
          condition: { question: 'site_internet', valeurs: ['oui'] },
          options: [
            { code: 'actualites', label: 'Publier les actualités' },
            { code: 'evenements', label: 'Annoncer les événements' },
            { code: 'demandes_actes', label: 'Demander des documents officiels (actes d’état civil…)' },
            { code: 'menus_cantine', label: 'Publier les menus de la cantine' },
            { code: 'comptes_rendus', label: 'Publier les comptes rendus du conseil municipal' },
          ],
        },
        {
          code: 'demarches_en_ligne',
          type: 'nombre',
          label: 'Combien de démarches les habitants peuvent-ils faire en ligne auprès de la mairie ?',
          aide: 'Un nombre entier, 0 si aucune.',
        },
        {
          code: 'part_demandes_en_ligne',
          type: 'pourcentage',
          label: 'Quelle part des demandes des habitants arrive par voie électronique ?',
          aide: 'Une estimation en pourcentage, de 0 à 100.',
          facultative: true,
        },
        {
          code: 'canaux_information',
          type: 'choix_multiples',
          label: 'Par quels moyens la mairie informe-t-elle les habitants ?',
          options: [
            { code: 'affichage', label: 'Panneau d’affichage' },
            { code: 'bulletin', label: 'Bulletin municipal' },
            { code: 'site', label: 'Site internet' },
            { code: 'application', label: 'Application mobile' },
            { code: 'reseaux_sociaux', label: 'Réseaux sociaux' },
          ],
        },
      ],
    },
    {
      code: 'cybersecurite',
      titre: 'Cybersécurité',
      questions: [
        {
          code: 'cyberattaque',
          type: 'choix',
          label: 'La mairie a-t-elle déjà subi une cyberattaque ?',
          options: OUI_NON_NSP,
          principale: 'oui',
        },
        {
          code: 'cyberattaque_type',
          type: 'choix_multiples',
          label: 'De quel type ?',
          condition: { question: 'cyberattaque', valeurs: ['oui'] },
          options: [
            { code: 'rancongiciel', label: 'Rançongiciel' },
            { code: 'hameconnage', label: 'Hameçonnage' },
            { code: 'usurpation', label: 'Usurpation d’une messagerie ou d’une identité' },
            { code: 'autre', label: 'Autre' },
          ],
        },
        {
          code: 'demunis',
          type: 'choix',
          label: 'Vous sentez-vous démunis face aux menaces informatiques ?',
          options: OUI_NON,
          principale: 'oui',
        },
        {
          code: 'manque_moyens',
          type: 'choix',
          label: 'Manquez-vous de connaissances, de compétences ou d’outils pour vous protéger ?',
          options: OUI_NON,
          principale: 'oui',
        },
        {
          code: 'manque_lesquels',
          type: 'choix_multiples',
          label: 'Que vous manque-t-il ?',
          condition: { question: 'manque_moyens', valeurs: ['oui'] },
          options: [
            { code: 'connaissances', label: 'Des connaissances' },
            { code: 'competences', label: 'Des compétences' },
            { code: 'outils', label: 'Des outils' },
          ],
        },
        {
          code: 'antivirus_rancongiciel',
          type: 'choix',
          label: 'L’antivirus de la mairie est-il capable de bloquer un rançongiciel ?',
          options: OUI_NON_NSP,
          principale: 'oui',
        },
        {
          code: 'double_facteur',
          type: 'pourcentage',
          label: 'Quelle part des comptes de la mairie est protégée par un second facteur d’authentification ?',
          aide: 'En pourcentage, de 0 à 100.',
        },
        {
          code: 'sauvegardes',
          type: 'choix',
          label: 'À quelle fréquence les données de la mairie sont-elles sauvegardées hors ligne ?',
          options: [
            { code: 'quotidienne', label: 'Chaque jour' },
            { code: 'hebdomadaire', label: 'Chaque semaine' },
            { code: 'mensuelle', label: 'Chaque mois ou moins souvent' },
            { code: 'jamais', label: 'Jamais, ou ne sait pas' },
          ],
          principale: 'quotidienne',
        },
        {
          code: 'protection_ressentie',
          type: 'echelle',
          label: 'Comment jugez-vous la protection informatique de la mairie ?',
          min: 1,
          max: 5,
          minLabel: 'très insuffisante',
          maxLabel: 'très satisfaisante',
        },
      ],
    },
    {
      code: 'equipement',
      titre: 'Équipement',
      questions: [
        {
          code: 'nb_ordinateurs',
          type: 'nombre',
          label: 'Combien d’ordinateurs la mairie utilise-t-elle ?',
          aide: 'Postes fixes et portables des agents et des élus.',
        },
        {
          code: 'fibre',
          type: 'choix',
          label: 'La mairie est-elle raccordée à la fibre optique ?',
          options: [
            { code: 'oui', label: 'Oui' },
            { code: 'prevu', label: 'Raccordement prévu' },
            { code: 'non', label: 'Non' },
          ],
          principale: 'oui',
        },
        {
          code: 'visioconference',
          type: 'choix',
          label: 'La mairie est-elle équipée pour la visioconférence ?',
          options: OUI_NON,
          principale: 'oui',
        },
      ],
    },
    {
      code: 'projets',
      titre: 'Projets et priorités',
      questions: [
        {
          code: 'projets',
          type: 'choix_multiples',
          label: 'Quels projets numériques la mairie prévoit-elle pour l’an prochain ?',
          options: [
            { code: 'services_citoyens', label: 'De nouveaux services aux habitants' },
            { code: 'dematerialisation_actes', label: 'La dématérialisation des actes administratifs' },
            { code: 'equipement_elus', label: 'Des ordinateurs portables et des tablettes pour les élus' },
            { code: 'visioconference', label: 'La visioconférence' },
            { code: 'fibre', label: 'Le raccordement à la fibre' },
            { code: 'videoprotection', label: 'La vidéoprotection' },
            { code: 'aucun', label: 'Aucun projet' },
          ],
        },
        {
          code: 'priorites',
          type: 'choix_multiples',
          label: 'Quelles sont les priorités de la commune pour les années à venir ?',
          options: [
            { code: 'solidarite', label: 'La solidarité' },
            { code: 'numerique', label: 'Le numérique' },
            { code: 'education', label: 'L’éducation' },
            { code: 'autre', label: 'Une autre priorité' },
          ],
        },
        {
          code: 'commentaire',
          type: 'texte',
          label: 'Un commentaire sur le numérique dans votre commune ?',
          aide: 'Facultatif. Ce texte n’est jamais publié.',
          facultative: true,
        },
      ],
    },
  ],
};

/** The 2026 edition: the reference questions, plus one on artificial intelligence tools. */
export const EDITION_2026: Questionnaire = {
  edition: 'edition-2026',
  titre: 'Baromètre numérique des communes – édition 2026',
  themes: REFERENCE_EDITION.themes.map((t) =>
    t.code !== 'equipement'
      ? t
      : {
          ...t,
          questions: [
            ...t.questions,
            {
              code: 'outils_ia',
              type: 'choix',
              label: 'Des agents utilisent-ils des outils d’intelligence artificielle pour leur travail ?',
              options: OUI_NON_NSP,
              principale: 'oui',
            },
          ],
        },
  ),
};

/** Editions offered when a campaign is created, newest first. */
export const EDITIONS: readonly Questionnaire[] = [EDITION_2026, REFERENCE_EDITION];

/** The national figures published by the reference edition, shown beside the results. */
export const REFERENCE_FIGURES: readonly ReferenceFigure[] = [
  { question: 'teletravail_crise', option: 'oui', part: 0.36, libelle: '36 %' },
  { question: 'teletravail_aujourdhui', option: 'occasionnel', part: 0.15, libelle: '15 %' },
  { question: 'effets_durables', option: 'oui', part: 0.4, libelle: '40 %' },
  { question: 'site_internet', option: 'oui', part: 0.76, libelle: '76 %' },
  { question: 'cyberattaque', option: 'oui', part: 0.2, libelle: '2 mairies sur 10' },
  { question: 'demunis', option: 'oui', part: 0.54, libelle: '54 %' },
  { question: 'manque_moyens', option: 'oui', part: 0.5, libelle: 'plus de la moitié' },
  { question: 'antivirus_rancongiciel', option: 'oui', part: 0.28, libelle: '28 %' },
  { question: 'projets', option: 'services_citoyens', part: 0.45, libelle: '45 %' },
  { question: 'projets', option: 'dematerialisation_actes', part: 0.33, libelle: '33 %' },
  { question: 'projets', option: 'equipement_elus', part: 0.22, libelle: '22 % (nouvel équipement)' },
];

export const referenceFor = (question: string, option: string): ReferenceFigure | undefined =>
  REFERENCE_FIGURES.find((f) => f.question === question && f.option === option);
