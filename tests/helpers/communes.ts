import { type Commune, findCommuneById } from '../../src/core/tenancy/index.js';
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
