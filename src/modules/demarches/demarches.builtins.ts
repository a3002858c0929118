import type { Commune } from '../../core/tenancy/index.js';
import type { SilenceSettings } from './demarches.rules.js';
import { ETAT_CIVIL_OPTIONS, etatCivilProblems } from './etat-civil.rules.js';
import type { Answers, FieldDef } from './fields.rules.js';

/** Settings of a démarche type's revision. */
export interface DemarcheSettings extends SilenceSettings {
  service: { nom: string; email: string; adresse: string; telephone: string };
  /** How long the requests are kept, in months. */
  conservationMois: number;
  /** Roles that process the requests. */
  roles: string[];
  /** Room bookings: days a pending request holds its slot. */
  retenueJours?: number;
}

export interface BuiltinType {
  slug: string;
  title: string;
  summary: string;
  form: FieldDef[];
  settings: (commune: Commune) => DemarcheSettings;
  /** Checks beyond the fields' own (who may obtain what…): field name → French message. */
  check?: (answers: Answers, today: string) => Record<string, string>;
}

const serviceOf = (commune: Commune, nom: string): DemarcheSettings['service'] => ({
  nom,
  email: commune.info.email ?? '',
  adresse: [commune.info.adresse, commune.info.codePostal, commune.nom].filter(Boolean).join(', '),
  telephone: commune.info.telephone ?? '',
});

const STAFF = ['administrateur', 'secretaire', 'agent'];

const contact: BuiltinType = {
  slug: 'contact',
  title: 'Contacter la mairie',
  summary: 'Posez une question à la mairie ; vous recevez une réponse par courriel.',
  form: [
    { name: 'objet', type: 'text', label: 'Objet de votre message', required: true },
    { name: 'question', type: 'textarea', label: 'Votre question', required: true },
    {
      name: 'piece',
      type: 'file',
      label: 'Pièce jointe',
      hint: 'Facultative : un document ou une photo utile à votre question.',
    },
  ],
  settings: (commune) => ({
    service: serviceOf(commune, `Secrétariat de la mairie de ${commune.nom}`),
    silence: 'aucune',
    delaiJours: 0,
    conservationMois: 12,
    roles: STAFF,
  }),
};

const signalement: BuiltinType = {
  slug: 'signalement',
  title: 'Signaler un problème',
  summary: 'Un lampadaire éteint, un nid-de-poule, un dépôt sauvage : prévenez les services techniques.',
  form: [
    {
      name: 'categorie',
      type: 'choice',
      label: 'Catégorie',
      required: true,
      options: [
        { value: 'voirie', label: 'Voirie' },
        { value: 'eclairage', label: 'Éclairage public' },
        { value: 'proprete', label: 'Propreté, dépôt sauvage' },
        { value: 'espaces_verts', label: 'Espaces verts' },
        { value: 'autre', label: 'Autre' },
      ],
    },
    { name: 'description', type: 'textarea', label: 'Description du problème', required: true },
    {
      name: 'lieu',
      type: 'address',
      label: 'Lieu',
      hint: 'Adresse, ou description précise de l’endroit.',
      required: true,
      geoloc: true,
    },
    { name: 'photo', type: 'file', label: 'Photo', hint: 'Facultative.' },
  ],
  settings: (commune) => ({
    service: serviceOf(commune, `Services techniques de ${commune.nom}`),
    silence: 'aucune',
    delaiJours: 0,
    conservationMois: 12,
    roles: STAFF,
  }),
};

const AVEC_FILIATION = ['copie_integrale', 'extrait_avec_filiation', 'extrait_plurilingue'];

/** Demande d'acte d'état civil (décret n° 2017-890): free, delivered by post, kept one year (art. 29). */
const etatCivil: BuiltinType = {
  slug: 'etat-civil',
  title: 'Demander un acte d’état civil',
  summary:
    'Copie ou extrait d’acte de naissance, de mariage, de décès ou de reconnaissance : gratuit, envoyé par courrier.',
  form: [
    {
      name: 'info',
      type: 'help',
      label:
        'La délivrance des actes est gratuite. Le document vous est envoyé par courrier à l’adresse postale indiquée plus bas : il n’est jamais envoyé par courriel.',
    },
    { name: 'acte', type: 'choice', label: 'Acte demandé', required: true, options: ETAT_CIVIL_OPTIONS.acte },
    {
      name: 'document',
      type: 'choice',
      label: 'Type de document',
      hint: 'Un acte de décès ou de reconnaissance ne se délivre qu’en copie intégrale (ou extrait plurilingue pour un décès).',
      required: true,
      options: ETAT_CIVIL_OPTIONS.document,
    },
    {
      name: 'lien',
      type: 'choice',
      label: 'Votre lien avec la personne',
      required: true,
      options: ETAT_CIVIL_OPTIONS.lien,
    },
    { name: 'titre_personne', type: 'section', label: 'Personne concernée par l’acte' },
    { name: 'nom_personne', type: 'text', label: 'Nom (de naissance)', required: true },
    { name: 'prenoms_personne', type: 'text', label: 'Prénoms', required: true },
    {
      name: 'date_evenement',
      type: 'date',
      label: 'Date de l’événement (naissance, mariage, décès ou reconnaissance)',
      required: true,
    },
    { name: 'lieu_evenement', type: 'text', label: 'Commune de l’événement', required: true },
    {
      name: 'date_naissance',
      type: 'date',
      label: 'Date de naissance de la personne',
      showIf: { field: 'acte', values: ['mariage'] },
    },
    {
      name: 'lieu_naissance',
      type: 'text',
      label: 'Lieu de naissance de la personne',
      showIf: { field: 'acte', values: ['mariage'] },
    },
    {
      name: 'parent1',
      type: 'text',
      label: 'Nom et prénom usuel d’un parent',
      showIf: { field: 'document', values: AVEC_FILIATION },
    },
    {
      name: 'parent2',
      type: 'text',
      label: 'Nom et prénom usuel de l’autre parent',
      showIf: { field: 'document', values: AVEC_FILIATION },
    },
    { name: 'exemplaires', type: 'number', label: 'Nombre d’exemplaires', hint: 'Un exemplaire si vous laissez vide.' },
  ],
  settings: (commune) => ({
    service: serviceOf(commune, `Service de l’état civil de ${commune.nom}`),
    silence: 'acceptation',
    delaiJours: 0,
    delaiMois: 2,
    conservationMois: 12,
    roles: STAFF,
  }),
  check: etatCivilProblems,
};

/** The types every commune has, created on first use. */
export const BUILTIN_TYPES: readonly BuiltinType[] = [contact, signalement, etatCivil];

/** Settings of the room booking type (its form is built from the commune's rooms). */
export const reservationSettings = (commune: Commune): DemarcheSettings => ({
  service: serviceOf(commune, `Secrétariat de la mairie de ${commune.nom}`),
  silence: 'aucune',
  delaiJours: 0,
  conservationMois: 12,
  roles: STAFF,
  retenueJours: 7,
});
