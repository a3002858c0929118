import type { Database } from '../../db/database.js';
import { type Commune, toCommune } from './commune.js';
import type { NewCommuneRow } from './tenancy.table.js';

/**
 * Cross-commune queries on the commune registry itself (platform level: the commune table is the
 * tenant list, it is not tenant-owned).
 */

const communeColumns = [
  'id',
  'slug',
  'insee',
  'siren',
  'siret',
  'nom',
  'population',
  'departement',
  'epci_id',
  'theme',
  'info',
  'is_demo',
  'created_at',
  'updated_at',
] as const;

export async function findCommuneByHost(db: Database, host: string): Promise<Commune | undefined> {
  const row = await db
    .selectFrom('commune_host')
    .innerJoin('commune', 'commune.id', 'commune_host.commune_id')
    .select(communeColumns.map((c) => `commune.${c}` as const))
    .where('commune_host.host', '=', host)
    .executeTakeFirst();
  return row && toCommune(row);
}

export async function findCommuneBySlug(db: Database, slug: string): Promise<Commune | undefined> {
  const row = await db.selectFrom('commune').select(communeColumns).where('slug', '=', slug).executeTakeFirst();
  return row && toCommune(row);
}

export async function findCommuneById(db: Database, id: number): Promise<Commune | undefined> {
  const row = await db.selectFrom('commune').select(communeColumns).where('id', '=', id).executeTakeFirst();
  return row && toCommune(row);
}

export async function findCommuneByInsee(db: Database, insee: string): Promise<Commune | undefined> {
  const row = await db.selectFrom('commune').select(communeColumns).where('insee', '=', insee).executeTakeFirst();
  return row && toCommune(row);
}

export interface CommuneListItem extends Commune {
  hosts: string[];
  epciNom: string | null;
}

export async function listCommunes(db: Database): Promise<CommuneListItem[]> {
  const rows = await db
    .selectFrom('commune')
    .leftJoin('epci', 'epci.id', 'commune.epci_id')
    .select(communeColumns.map((c) => `commune.${c}` as const))
    .select('epci.nom as epci_nom')
    .orderBy('commune.nom')
    .execute();
  const hosts = await db.selectFrom('commune_host').select(['host', 'commune_id']).orderBy('host').execute();
  return rows.map((row) => ({
    ...toCommune(row),
    epciNom: row.epci_nom,
    hosts: hosts.filter((h) => h.commune_id === row.id).map((h) => h.host),
  }));
}

export async function countCommunes(db: Database): Promise<number> {
  const row = await db
    .selectFrom('commune')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertCommune(db: Database, values: NewCommuneRow): Promise<number> {
  const row = await db.insertInto('commune').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function findHost(db: Database, host: string): Promise<{ host: string; commune_id: number } | undefined> {
  return db.selectFrom('commune_host').select(['host', 'commune_id']).where('host', '=', host).executeTakeFirst();
}

export async function insertHost(db: Database, communeId: number, host: string): Promise<void> {
  await db.insertInto('commune_host').values({ host, commune_id: communeId }).execute();
}

export async function findOrInsertEpci(
  db: Database,
  epci: { siren: string; nom: string; type: string },
  now: string,
): Promise<number> {
  const existing = await db.selectFrom('epci').select('id').where('siren', '=', epci.siren).executeTakeFirst();
  if (existing) return existing.id;
  const row = await db
    .insertInto('epci')
    .values({ ...epci, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
