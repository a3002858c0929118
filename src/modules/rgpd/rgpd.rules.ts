import { addDays } from '../../core/paris-time.js';
/**
 * Pure rules of data protection: retention categories and their defaults, end of a retention
 * period, what may be erased on request (RGPD art. 17(3)(b)), and the registre's generation.
 * No clock, no I/O: dates come in as arguments.
 */

/** A request's final statuses (the démarches' state machine): only then does retention start. */
export const DEMANDE_FINAL_STATUSES = ['acceptee', 'refusee', 'close'] as const;
export const isDemandeClosed = (status: string): boolean =>
  (DEMANDE_FINAL_STATUSES as readonly string[]).includes(status);

export type Unit = 'mois' | 'jours';

export interface CategoryDef {
  /** `demande:<slug>`, `alertes_en_attente`, `courriels`. */
  key: string;
  label: string;
  unit: Unit;
  defaultDuree: number;
  /** Public archives by default (destroyed only with the archives service's visa). */
  defaultArchive: boolean;
  /** Where the default comes from (shown beside the setting). */
  source: string;
}

/** État civil requests: kept one year (décret n° 2017-890, art. 29). */
export const ETAT_CIVIL_SLUG = 'etat-civil';

/**
 * The category of the requests of one démarche type. Every request received by the mairie is a
 * public archive (Code du patrimoine L211-1, L211-4): destroyed only with the visa of the archives
 * service (L212-2, R212-14). The duration is the type's own (`conservationMois`, 12 by default).
 */
export function demandeCategory(type: { slug: string; title: string; conservationMois: number }): CategoryDef {
  const etatCivil = type.slug === ETAT_CIVIL_SLUG;
  return {
    key: `demande:${type.slug}`,
    label: `Demandes : ${type.title}`,
    unit: 'mois',
    defaultDuree: etatCivil ? 12 : type.conservationMois,
    defaultArchive: true,
    source: etatCivil
      ? 'Un an (décret n° 2017-890 du 6 mai 2017, art. 29), puis élimination avec le visa du service d’archives.'
      : 'Durée fixée par la démarche ; archive publique (Code du patrimoine L211-4), éliminée avec le visa du service d’archives. À confirmer avec le service d’archives et le délégué.',
  };
}

/** The categories outside the démarches. Defaults not set by a text are marked so (to confirm). */
export const FIXED_CATEGORIES: readonly CategoryDef[] = [
  {
    key: 'alertes_en_attente',
    label: 'Abonnements aux alertes jamais confirmés',
    unit: 'jours',
    defaultDuree: 7,
    defaultArchive: false,
    source: 'Le lien de confirmation expire au bout de 7 jours : rien ne justifie de garder l’adresse au-delà.',
  },
  {
    key: 'courriels',
    label: 'Courriels envoyés par la plateforme (copie technique)',
    unit: 'mois',
    defaultDuree: 6,
    defaultArchive: false,
    source:
      'Copie technique d’envoi, sans valeur d’archive (le dossier garde son historique). Six mois par défaut, à confirmer avec le délégué.',
  },
];

export interface Retention {
  duree: number;
  archive: boolean;
}

/** The commune's setting, or the category's default. */
export function retentionOf(def: CategoryDef, setting: Retention | undefined): Retention {
  return setting ?? { duree: def.defaultDuree, archive: def.defaultArchive };
}

/** Adds months to a YYYY-MM-DD date, clamping to the month's last day (31 Jan + 1 month → 28/29 Feb). */
export function addMonthsIso(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/** End of the retention period of data whose period starts on `start` (YYYY-MM-DD). */
export function echeance(start: string, unit: Unit, duree: number): string {
  return unit === 'mois' ? addMonthsIso(start, duree) : addDays(start, duree);
}

/** Past its period on `today` (the end date itself included: kept through the day before). */
export const isExpired = (end: string, today: string): boolean => end <= today;

export const durationLabel = (unit: Unit, duree: number): string =>
  unit === 'mois' ? `${duree} mois` : `${duree} jour${duree > 1 ? 's' : ''}`;

// ——— Erasure on request (RGPD art. 17) ———

export type ItemKind = 'demande' | 'alerte_abonne' | 'courriel' | 'journal';

export interface ErasureDecision {
  allowed: boolean;
  /** Why it is kept (shown to the agent and to be told to the person), or what erasure does. */
  reason: string;
}

export interface DemandeFacts {
  status: string;
  /** YYYY-MM-DD the request was closed, or null while open. */
  closedOn: string | null;
  category: CategoryDef;
  retention: Retention;
}

const frDate = (iso: string): string => {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
};

/**
 * May a request be erased at its requester's demand? Not while it is instructed, nor while it is a
 * public archive within its retention or awaiting the archives service's visa (RGPD art. 17(3)(b):
 * a legal obligation to keep it).
 */
export function demandeErasure(f: DemandeFacts, today: string): ErasureDecision {
  if (!isDemandeClosed(f.status) || f.closedOn === null) {
    return {
      allowed: false,
      reason:
        'Demande en cours d’instruction : la mairie doit la conserver pour la traiter (RGPD art. 17(3)(b)). Elle pourra être effacée à la fin de sa durée de conservation.',
    };
  }
  const end = echeance(f.closedOn, f.category.unit, f.retention.duree);
  if (f.retention.archive) {
    const legal =
      f.category.key === `demande:${ETAT_CIVIL_SLUG}`
        ? 'les demandes d’actes d’état civil sont conservées un an (décret n° 2017-890, art. 29)'
        : 'c’est une archive publique (Code du patrimoine L211-4)';
    return isExpired(end, today)
      ? {
          allowed: false,
          reason: `Archive publique dont la durée de conservation est écoulée : elle est éliminée par bordereau, avec le visa du service d’archives (Code du patrimoine L212-2), et non au cas par cas.`,
        }
      : {
          allowed: false,
          reason: `Conservation obligatoire jusqu’au ${frDate(end)} : ${legal} (RGPD art. 17(3)(b)).`,
        };
  }
  return {
    allowed: true,
    reason: 'Les données personnelles de la demande seront effacées ; sa trace statistique reste.',
  };
}

export const ALWAYS_ERASABLE: Record<Exclude<ItemKind, 'demande'>, ErasureDecision> = {
  alerte_abonne: { allowed: true, reason: 'L’abonnement aux alertes sera supprimé.' },
  courriel: { allowed: true, reason: 'La copie technique du courriel sera supprimée.' },
  journal: {
    allowed: true,
    reason:
      'La partie personnelle (adresse, IP) de l’événement sera effacée ; l’événement et la chaîne de traçabilité restent intacts.',
  },
};

// ——— The registre des activités de traitement (RGPD art. 30) ———

export interface Activity {
  cle: string;
  nom: string;
  finalite: string;
  base_legale: string;
  personnes: string;
  donnees: string;
  destinataires: string;
  conservation: string;
  securite: string;
  transferts: string;
}

export const ACTIVITY_FIELDS = [
  'nom',
  'finalite',
  'base_legale',
  'personnes',
  'donnees',
  'destinataires',
  'conservation',
  'securite',
  'transferts',
] as const satisfies readonly (keyof Activity)[];

export const ACTIVITY_LABELS: Record<(typeof ACTIVITY_FIELDS)[number], string> = {
  nom: 'Nom du traitement',
  finalite: 'Finalité',
  base_legale: 'Base légale',
  personnes: 'Catégories de personnes concernées',
  donnees: 'Catégories de données',
  destinataires: 'Destinataires',
  conservation: 'Durée de conservation',
  securite: 'Mesures de sécurité',
  transferts: 'Transferts hors de l’Union européenne',
};

export const NO_TRANSFER = 'Aucun : les données sont hébergées et traitées dans l’Union européenne.';

const SECURITY =
  'Accès réservé aux agents habilités (comptes nominatifs, rôles, double authentification possible), connexions chiffrées (HTTPS), journal de traçabilité chaîné, sauvegardes, hébergement dans l’Union européenne.';

export interface DemarcheTypeInfo {
  slug: string;
  title: string;
  summary: string;
  /** Labels of the form's input fields. */
  fieldLabels: string[];
  service: string;
  conservationMois: number;
}

export interface RegistreInput {
  communeNom: string;
  types: DemarcheTypeInfo[];
  /** Names of the modules in use (ClocherModule.name). */
  modules: string[];
  retention: (def: CategoryDef) => Retention;
}

function demarcheActivity(t: DemarcheTypeInfo, input: RegistreInput): Activity {
  const def = demandeCategory(t);
  const r = input.retention(def);
  const etatCivil = t.slug === ETAT_CIVIL_SLUG;
  const fields = t.fieldLabels.length > 0 ? ` ; contenu de la demande : ${t.fieldLabels.join(', ')}` : '';
  return {
    cle: `demarche:${t.slug}`,
    nom: `Démarche en ligne : ${t.title}`,
    finalite: `${t.summary} Recevoir, instruire et suivre les demandes des usagers (saisine par voie électronique, CRPA L112-8).`,
    base_legale: etatCivil
      ? 'Obligation légale (RGPD art. 6(1)(c)) : délivrance des actes d’état civil (décret n° 2017-890 du 6 mai 2017).'
      : 'Mission d’intérêt public (RGPD art. 6(1)(e)) : saisine de l’administration par voie électronique (CRPA L112-8 et suivants).',
    personnes: etatCivil ? 'Demandeurs ; personnes concernées par l’acte et leurs parents.' : 'Demandeurs (usagers).',
    donnees: `Identité (nom, prénom), adresse postale, adresse électronique${fields}.`,
    destinataires: `${t.service} ; agents habilités de la mairie de ${input.communeNom}.`,
    conservation: `${durationLabel('mois', r.duree)} après la clôture de la demande${
      r.archive ? ', puis élimination avec le visa du service d’archives' : ', puis anonymisation'
    }.`,
    securite: SECURITY,
    transferts: NO_TRANSFER,
  };
}

/** Activities of the modules that process personal data, when they are in use. */
const MODULE_ACTIVITIES: Record<string, (input: RegistreInput) => Omit<Activity, 'cle' | 'securite' | 'transferts'>> = {
  comptes: (i) => ({
    nom: 'Comptes des agents et des élus',
    finalite: 'Donner accès à l’administration du site et des services en ligne ; sécuriser les connexions.',
    base_legale: 'Mission d’intérêt public (RGPD art. 6(1)(e)) et sécurité du traitement (RGPD art. 32).',
    personnes: 'Agents, élus et prestataires ayant un compte.',
    donnees:
      'Nom, adresse électronique, rôle, empreinte du mot de passe, second facteur ; sessions (adresse IP, navigateur) ; échecs de connexion (sous forme d’empreintes).',
    destinataires: `Administrateurs de la commune de ${i.communeNom} ; opérateur de la plateforme.`,
    conservation: 'Le temps de la fonction ; sessions jusqu’à leur expiration ; échecs de connexion 24 heures.',
  }),
  alertes: (i) => ({
    nom: 'Abonnés aux alertes de la commune',
    finalite: 'Prévenir par courriel les habitants qui le demandent (coupures, routes barrées, vigilance…).',
    base_legale: 'Consentement (RGPD art. 6(1)(a)), recueilli par double confirmation.',
    personnes: 'Habitants et personnes intéressées abonnés.',
    donnees: 'Adresse électronique ; dates d’abonnement et de confirmation.',
    destinataires: `Secrétariat de la mairie de ${i.communeNom}.`,
    conservation: `Jusqu’au désabonnement ; abonnement non confirmé : ${durationLabel(
      'jours',
      i.retention(FIXED_CATEGORIES[0] as CategoryDef).duree,
    )}.`,
  }),
  conseil: (i) => ({
    nom: 'Conseil municipal : membres, convocations et séances',
    finalite: 'Convoquer le conseil, tenir les présences, procurations et votes, publier les comptes rendus.',
    base_legale: 'Obligation légale (RGPD art. 6(1)(c)) : CGCT L2121-7 et suivants.',
    personnes: 'Conseillers municipaux.',
    donnees: 'Nom, prénom, fonction, adresse électronique de convocation ; présences, procurations, votes nominatifs.',
    destinataires: `Secrétariat de la mairie de ${i.communeNom} ; public pour ce que la loi fait publier ; préfecture.`,
    conservation: 'Archives publiques à conservation définitive (registre des délibérations).',
  }),
  actes: (i) => ({
    nom: 'Registre et publication des actes',
    finalite: 'Tenir le registre des délibérations et arrêtés, les publier et les transmettre au contrôle de légalité.',
    base_legale: 'Obligation légale (RGPD art. 6(1)(c)) : CGCT L2131-1 et suivants.',
    personnes: 'Élus signataires ; personnes nommées dans les actes individuels.',
    donnees: 'Nom, fonction ; données des actes individuels (non publiées en ligne).',
    destinataires: `Secrétariat de la mairie de ${i.communeNom} ; préfecture ; public pour les actes réglementaires.`,
    conservation: 'Archives publiques à conservation définitive.',
  }),
};

/** Always present: the audit log and the mails the platform sends. */
function coreActivities(input: RegistreInput): Activity[] {
  const mails = input.retention(FIXED_CATEGORIES[1] as CategoryDef);
  return [
    {
      cle: 'socle:journal',
      nom: 'Journal de traçabilité',
      finalite: 'Garder la trace des actions sur les données et des connexions, détecter et examiner les incidents.',
      base_legale: 'Sécurité du traitement (RGPD art. 32) ; mission d’intérêt public (RGPD art. 6(1)(e)).',
      personnes: 'Agents et élus ; usagers dont l’adresse figure dans un événement de sécurité.',
      donnees:
        'Action, date, auteur ; adresse IP et adresse électronique tapée, conservées hors de la partie chaînée et effaçables.',
      destinataires: 'Administrateurs de la commune ; opérateur de la plateforme.',
      conservation:
        'Six mois à un an, jusqu’à trois ans en cas de contrôle interne (CNIL, recommandation « journalisation » 2021).',
      securite: SECURITY,
      transferts: NO_TRANSFER,
    },
    {
      cle: 'socle:courriels',
      nom: 'Courriels envoyés aux usagers',
      finalite: 'Accusés de réception, réponses et alertes envoyés par la plateforme.',
      base_legale: 'Mission d’intérêt public (RGPD art. 6(1)(e)) ; CRPA L112-11 (accusés de réception).',
      personnes: 'Usagers, abonnés, agents.',
      donnees: 'Adresse électronique du destinataire, objet et texte du courriel.',
      destinataires: 'Serveur d’envoi de courriel de la plateforme.',
      conservation: `${durationLabel('mois', mails.duree)} après l’envoi, puis suppression.`,
      securite: SECURITY,
      transferts: NO_TRANSFER,
    },
  ];
}

/** The activities the commune's uses imply, in a stable order. */
export function generateRegistre(input: RegistreInput): Activity[] {
  const out: Activity[] = input.types.map((t) => demarcheActivity(t, input));
  for (const [name, make] of Object.entries(MODULE_ACTIVITIES)) {
    if (!input.modules.includes(name)) continue;
    out.push({ cle: `module:${name}`, ...make(input), securite: SECURITY, transferts: NO_TRANSFER });
  }
  out.push(...coreActivities(input));
  return out;
}

export interface StoredActivity extends Activity {
  id: number;
  modifie: boolean;
  actif: boolean;
}

export interface RegistrePlan {
  insert: Activity[];
  /** Generated activities never edited whose text changed. */
  update: { id: number; activity: Activity }[];
  /** Present again (after being out of use). */
  reactivate: number[];
  /** Their source is no longer in use. */
  deactivate: number[];
}

const sameText = (a: Activity, b: Activity): boolean => ACTIVITY_FIELDS.every((f) => a[f] === b[f]);

/** What regeneration changes: new sources appear, edited activities keep their edits. */
export function planRegistre(generated: Activity[], stored: StoredActivity[]): RegistrePlan {
  const byKey = new Map(stored.map((s) => [s.cle, s]));
  const plan: RegistrePlan = { insert: [], update: [], reactivate: [], deactivate: [] };
  for (const g of generated) {
    const s = byKey.get(g.cle);
    if (!s) plan.insert.push(g);
    else {
      if (!s.actif) plan.reactivate.push(s.id);
      if (!s.modifie && !sameText(g, s)) plan.update.push({ id: s.id, activity: g });
    }
  }
  const keys = new Set(generated.map((g) => g.cle));
  for (const s of stored) if (s.actif && !keys.has(s.cle)) plan.deactivate.push(s.id);
  return plan;
}
