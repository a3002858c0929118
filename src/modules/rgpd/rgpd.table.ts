import type { Generated } from 'kysely';

/** An activity of the commune's registre des activités de traitement (RGPD art. 30). */
export interface RgpdTraitementTable {
  id: Generated<number>;
  commune_id: number;
  /** Where it comes from: `demarche:<slug>` or `module:<name>`; unique per commune. */
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
  /** 1 once an administrateur edited it: regeneration no longer overwrites it. */
  modifie: number;
  /** 0 when its source (démarche type, module) is no longer in use. */
  actif: number;
  created_at: string;
  updated_at: string;
}

/** A commune's retention setting for one data category (defaults in rgpd.rules.ts). */
export interface RgpdConservationTable {
  commune_id: number;
  categorie: string;
  /** In the category's unit (months or days). */
  duree: number;
  /** 1: public archives, destroyed only with the archives service's visa. */
  archive: number;
  updated_at: string;
}

/** A bordereau d'élimination: items of one category past their retention period. */
export interface RgpdBordereauTable {
  id: Generated<number>;
  commune_id: number;
  categorie: string;
  libelle: string;
  archive: number;
  /** a_viser | vise | execute */
  statut: string;
  nb_items: number;
  created_at: string;
  visa_date: string | null;
  visa_service: string | null;
  visa_reference: string | null;
  visa_user_id: number | null;
  executed_at: string | null;
}

/** One item of a bordereau (never personal data: a reference, a type, dates). */
export interface RgpdEliminationTable {
  id: Generated<number>;
  commune_id: number;
  bordereau_id: number;
  /** demande | alerte_abonne | courriel */
  objet_type: string;
  objet_id: number;
  libelle: string;
  /** YYYY-MM-DD: end of the retention period. */
  echeance: string;
  eliminated_at: string | null;
}
