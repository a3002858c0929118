import { stringify } from 'csv-stringify/sync';
import type { Dataset } from '../../core/module.js';

/** SCDL catalogue 0.1.3: column order. */
export const SCDL_CATALOGUE_COLUMNS = [
  'COLL_NOM',
  'COLL_SIRET',
  'ID',
  'TITRE',
  'DESCRIPTION',
  'THEME',
  'PRODUCTEUR_NOM',
  'PRODUCTEUR_SIRET',
  'COUV_SPAT_MAILLE',
  'COUV_SPAT_NOM',
  'COUV_TEMP_DEBUT',
  'COUV_TEMP_FIN',
  'DATE_PUBL',
  'FREQ_MAJ',
  'DATE_MAJ',
  'MOTS_CLES',
  'LICENCE',
  'NOMBRE_RESSOURCES',
  'FORMAT_RESSOURCES',
  'URL',
] as const;

/** Keywords as the catalogue wants them: lower case, no accents. */
export const motCle = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();

/** One row of the catalogue: the commune is both the collectivité and the producer. */
export function catalogueRow(coll: { nom: string; siret: string }, d: Dataset): string[] {
  return [
    coll.nom,
    coll.siret,
    d.id,
    d.titre,
    d.description,
    d.theme,
    coll.nom,
    coll.siret,
    'Communale',
    coll.nom,
    d.debut,
    d.fin,
    d.publie,
    'Irrégulière',
    d.majLe,
    d.motsCles.map(motCle).join(';'),
    'Licence Ouverte-LO',
    String(d.ressources),
    'csv',
    d.url,
  ];
}

/**
 * The catalogue file: header, then one row per dataset. SIRET is a required column: without the
 * commune's, no row can be valid and the file holds its header only.
 */
export function catalogueCsv(coll: { nom: string; siret: string | null }, datasets: readonly Dataset[]): string {
  const siret = coll.siret;
  const rows = siret ? datasets.map((d) => catalogueRow({ nom: coll.nom, siret }, d)) : [];
  return stringify([[...SCDL_CATALOGUE_COLUMNS], ...rows], { delimiter: ',', record_delimiter: '\n' });
}
