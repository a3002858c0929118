import { XMLParser } from 'fast-xml-parser';

/**
 * The ACTES matière classification. Each préfecture sends its own, dated (message 7-2
 * RetourClassification): levels 1–2 are national, some préfectures add levels 3–5 or level-2
 * items. It is imported, never hard-coded; the national levels 1–2 below only serve until the
 * commune has imported its préfecture's file.
 */

export interface MatiereItem {
  /** "8", "8.3", "8.3.1" */
  code: string;
  libelle: string;
}

export interface TypePjItem {
  nature: number;
  code: string;
  libelle: string;
}

export interface Classification {
  /** YYYY-MM-DD; empty for the national fallback. */
  dateVersion: string;
  items: MatiereItem[];
  typesPj: TypePjItem[];
}

const L: [string, string, string[]][] = [
  [
    '1',
    'Commande publique',
    [
      'Marchés publics',
      'Délégation de service public',
      'Conventions de mandat',
      'Autres types de contrats',
      'Transactions /protocole d’accord transactionnel',
      'Actes relatifs à la maîtrise d’œuvre',
      'Actes spéciaux et divers',
    ],
  ],
  [
    '2',
    'Urbanisme',
    [
      'Documents d’urbanisme',
      'Actes relatifs au droit d’occupation ou d’utilisation des sols',
      'Droit de préemption urbain',
    ],
  ],
  [
    '3',
    'Domaine et patrimoine',
    [
      'Acquisitions',
      'Aliénations',
      'Locations',
      'Limites territoriales',
      'Autres actes de gestion du domaine public',
      'Autres actes de gestion du domaine privé',
    ],
  ],
  [
    '4',
    'Fonction publique',
    [
      'Personnel titulaires et stagiaires de la F.P.T.',
      'Personnel contractuel',
      'Fonction publique hospitalière',
      'Autres catégories de personnels',
      'Régime indemnitaire',
    ],
  ],
  [
    '5',
    'Institutions et vie politique',
    [
      'Élection exécutif',
      'Fonctionnement des assemblées',
      'Désignation de représentants',
      'Délégation de fonctions',
      'Délégation de signature',
      'Exercice des mandats locaux',
      'Intercommunalité',
      'Décision d’ester en justice',
    ],
  ],
  [
    '6',
    'Libertés publiques et pouvoirs de police',
    [
      'Police municipale',
      'Pouvoir du président du conseil général',
      'Pouvoir du président du conseil régional',
      'Autres actes réglementaires',
      'Actes pris au nom de l’État et soumis au contrôle hiérarchique',
    ],
  ],
  [
    '7',
    'Finances locales',
    [
      'Décisions budgétaires',
      'Fiscalité',
      'Emprunts',
      'Interventions économiques',
      'Subventions',
      'Contributions budgétaires',
      'Avances',
      'Fonds de concours',
      'Prise de participation (SEM, etc.)',
      'Divers',
    ],
  ],
  [
    '8',
    'Domaines de compétences par thèmes',
    [
      'Enseignement',
      'Aide sociale',
      'Voirie',
      'Aménagement du territoire',
      'Politique de la ville-habitat-logement',
      'Emploi-formation professionnelle',
      'Transports',
      'Environnement',
      'Culture',
    ],
  ],
  [
    '9',
    'Autres domaines de compétences',
    [
      'Autres domaines de compétences des communes',
      'Autres domaines de compétences des départements',
      'Autres domaines de compétences des régions',
      'Vœux et motions',
    ],
  ],
];

/** The national levels 1–2 (nomenclature ACTES), used until a préfecture file is imported. */
export const NOMENCLATURE_NATIONALE: Classification = {
  dateVersion: '',
  items: L.flatMap(([c, libelle, subs]) => [
    { code: c, libelle },
    ...subs.map((s, i) => ({ code: `${c}.${i + 1}`, libelle: s })),
  ]),
  typesPj: [],
};

const NS_PREFIX = /^[A-Za-z0-9_]+:/;

type Node = Record<string, unknown>;
const asArray = (v: unknown): Node[] => (v === undefined ? [] : Array.isArray(v) ? (v as Node[]) : [v as Node]);
const attr = (n: Node, name: string): string => String(n[`@_${name}`] ?? '').trim();

/**
 * Parses a préfecture's RetourClassification (ACTES 7-2): DateClassification, NaturesActes with
 * their TypePJNatureActe, and Matieres nested Matiere1 … Matiere5. Returns the French problem
 * when the file is not one.
 */
export function parseClassification(xml: string): Classification | { problem: string } {
  let root: Node;
  try {
    const parsed = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      removeNSPrefix: true,
      parseTagValue: false,
      parseAttributeValue: false,
    }).parse(xml) as Node;
    root = parsed.RetourClassification as Node;
  } catch {
    return { problem: 'Ce fichier n’est pas un fichier XML lisible.' };
  }
  if (!root || typeof root !== 'object') {
    return { problem: 'Ce fichier n’est pas une classification ACTES (élément RetourClassification absent).' };
  }
  const dateVersion = String(root.DateClassification ?? '').trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dateVersion)) {
    return { problem: 'La classification n’indique pas sa date (DateClassification).' };
  }
  const items: MatiereItem[] = [];
  const walk = (nodes: Node[], level: number, parent: string) => {
    for (const n of nodes) {
      const code = attr(n, 'CodeMatiere');
      const libelle = attr(n, 'Libelle');
      if (!/^\d+$/.test(code) || libelle === '') continue;
      const full = parent ? `${parent}.${code}` : code;
      items.push({ code: full, libelle });
      if (level < 5) walk(asArray(n[`Matiere${level + 1}`]), level + 1, full);
    }
  };
  walk(asArray((root.Matieres as Node | undefined)?.Matiere1), 1, '');
  if (items.length === 0) return { problem: 'La classification ne contient aucune matière.' };
  const typesPj: TypePjItem[] = [];
  for (const n of asArray((root.NaturesActes as Node | undefined)?.NatureActe)) {
    const nature = Number(attr(n, 'CodeNatureActe'));
    for (const t of asArray(n.TypePJNatureActe)) {
      const code = attr(t, 'CodeTypePJ');
      if (/^[A-Z0-9_]{5}$/.test(code)) typesPj.push({ nature, code, libelle: attr(t, 'Libelle') });
    }
  }
  return { dateVersion, items, typesPj };
}

/** Strips an ACTES XML namespace prefix (for tests and messages). */
export const localName = (tag: string): string => tag.replace(NS_PREFIX, '');

/** The level-2 code of a matière code ("8.3.1" → "8.3"), or null. */
export function level2Code(code: string | null): string | null {
  const m = code?.match(/^(\d+)\.(\d+)/);
  return m ? `${m[1]}.${m[2]}` : null;
}

/**
 * SCDL DELIB_MATIERE_NOM: level-1 label + "/" + level-2 label, in lower case with accents, without
 * commas or parentheses (schema deliberations 2.1.5).
 */
export function matiereNomScdl(code: string, items: readonly MatiereItem[]): string | null {
  const l2 = level2Code(code);
  if (!l2) return null;
  const l1 = l2.split('.')[0] ?? '';
  const find = (c: string) =>
    items.find((i) => i.code === c)?.libelle ?? NOMENCLATURE_NATIONALE.items.find((i) => i.code === c)?.libelle;
  const a = find(l1);
  const b = find(l2);
  if (!a || !b) return null;
  const clean = (s: string) =>
    s
      .toLowerCase()
      .replace(/\([^)]*\)/g, '')
      .replace(/[,()]/g, '')
      .replace(/\s+/g, ' ')
      .trim();
  return `${clean(a)}/${clean(b)}`;
}
