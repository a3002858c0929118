import type { CommuneRow } from './tenancy.table.js';

/** Theme of a commune's public site; the primary colour is the one variable accent. */
export interface CommuneTheme {
  primaryColor?: string;
  /** Images of the media library: the logo or coat of arms, and the home page photo. */
  logoMediaId?: number;
  heroMediaId?: number;
  /** Their URLs and the photo's description, kept with the theme so that pages need no lookup. */
  logoUrl?: string;
  heroUrl?: string;
  heroAlt?: string;
}

/** A closure of the mairie outside its weekly hours (holidays, bridge days). */
export interface Fermeture {
  /** YYYY-MM-DD, both included. */
  du: string;
  au: string;
  motif: string;
}

/** What the accessibility statement says (RGAA): only an audit makes the site conformant. */
export interface AccessibiliteInfo {
  /** Share of RGAA criteria met by the last audit, 0 to 100; absent without an audit. */
  tauxConformite?: number;
  dateAudit?: string;
  auditeur?: string;
  nonConformites?: string;
  derogations?: string;
  schemaPluriannuel?: string;
  planAction?: string;
  dateDeclaration?: string;
}

export interface OpeningSlot {
  /** "08:30" */
  opens: string;
  closes: string;
}

/** Contact details and opening hours of the mairie, shown on every public page. */
export interface MairieInfo {
  adresse?: string;
  codePostal?: string;
  telephone?: string;
  email?: string;
  /** Weekly hours, key 1 (Monday) to 7 (Sunday). */
  horaires?: Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', OpeningSlot[]>>;
  fermetures?: Fermeture[];
  /** Contact of the data protection officer (DPO), shown on /donnees-personnelles. */
  dpo?: string;
  accessibilite?: AccessibiliteInfo;
}

export interface Commune {
  id: number;
  slug: string;
  insee: string;
  siren: string | null;
  siret: string | null;
  nom: string;
  population: number;
  departement: string;
  epciId: number | null;
  theme: CommuneTheme;
  info: MairieInfo;
  isDemo: boolean;
}

function parseJsonObject<T>(text: string): T {
  try {
    const value = JSON.parse(text) as unknown;
    return (value && typeof value === 'object' ? value : {}) as T;
  } catch {
    return {} as T;
  }
}

export function toCommune(row: Omit<CommuneRow, 'content_version'>): Commune {
  return {
    id: row.id,
    slug: row.slug,
    insee: row.insee,
    siren: row.siren,
    siret: row.siret,
    nom: row.nom,
    population: row.population,
    departement: row.departement,
    epciId: row.epci_id,
    theme: parseJsonObject<CommuneTheme>(row.theme),
    info: parseJsonObject<MairieInfo>(row.info),
    isDemo: row.is_demo === 1,
  };
}
