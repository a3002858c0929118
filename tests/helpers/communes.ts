import pino from 'pino';
import { systemActor } from '../../src/core/context.js';
import {
  type Commune,
  findCommuneById,
  type RegisterCommuneInput,
  registerCommune,
} from '../../src/core/tenancy/index.js';
import type { Database } from '../../src/db/database.js';

/**
 * A bare commune row for tests that need one or two tenants and nothing else (no host, no demo):
 * slug `c-<insee>` and name `Commune <insee>` unless given.
 */
export async function insertTestCommune(
  db: Database,
  insee: string,
  options: { nom?: string; slug?: string; at?: string } = {},
): Promise<Commune> {
  const at = options.at ?? '2026-12-01T10:00:00.000Z';
  const row = await db
    .insertInto('commune')
    .values({
      slug: options.slug ?? `c-${insee}`,
      insee,
      nom: options.nom ?? `Commune ${insee}`,
      population: 100,
      departement: insee.slice(0, 2),
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const commune = await findCommuneById(db, row.id);
  if (!commune) throw new Error(`commune ${insee} not found after its insertion`);
  return commune;
}

/**
 * A commune registered as the platform does it (no host), by the system at `now`: slug = name,
 * 100 inhabitants in the Pas-de-Calais, no SIREN, unless `over` says otherwise.
 */
export function registerTestCommune(
  db: Database,
  now: Date,
  insee: string,
  nom: string,
  over: Partial<RegisterCommuneInput> = {},
): Promise<Commune> {
  return registerCommune(
    { db, now: () => now, log: pino({ level: 'silent' }), actor: systemActor('test') },
    {
      insee,
      nom,
      slug: nom,
      population: 100,
      departement: '62',
      siren: null,
      siret: null,
      epci: null,
      info: {},
      theme: {},
      isDemo: false,
      hosts: [],
      ...over,
    },
  );
}

/** Communes « a » and « b », for the tests that one cannot read or change the other's rows. */
export async function registerCommunesAB(db: Database, now: Date): Promise<{ a: Commune; b: Commune }> {
  return { a: await registerTestCommune(db, now, '62001', 'a'), b: await registerTestCommune(db, now, '62002', 'b') };
}
