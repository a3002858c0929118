import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { systemActor } from '../src/core/context.js';
import { type Commune, registerCommune } from '../src/core/tenancy/index.js';
import type { Database } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';

/** What the benchmarks share: the PostgreSQL server's admin connection, throwaway databases, bulk rows. */

/** The maintenance database of the PostgreSQL server the benchmarks use (trust auth). */
export const PG_ADMIN_URL = process.env.CLOCHER_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Runs one statement on the maintenance database (create or drop a database). */
export async function pgAdmin(sqlText: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(sqlText);
  } finally {
    await client.end();
  }
}

/** The URL of database `name` on the benchmarks' PostgreSQL server. */
export function pgUrl(name: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A new empty PostgreSQL database (dropped first if a crashed run left it), and how to drop it. */
export async function throwawayPgDatabase(name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  await pgAdmin(`drop database if exists ${name} with (force)`);
  await pgAdmin(`create database ${name}`);
  return { url: pgUrl(name), drop: () => pgAdmin(`drop database if exists ${name} with (force)`) };
}

/** Migrates `db` and registers the commune « Bench » (62001), with a context to call services with. */
export async function benchCommune(db: Database, now: Date) {
  const base = { db, now: () => now, log: pino({ level: 'silent' }), actor: systemActor('bench') };
  await migrateToLatest(db);
  const commune: Commune = await registerCommune(base, {
    insee: '62001',
    nom: 'Bench',
    slug: 'bench',
    population: 900,
    departement: '62',
    siren: null,
    siret: null,
    epci: null,
    info: { adresse: '1 place de la Mairie', codePostal: '62000', telephone: '03 21 00 00 00', email: 'm@e.fr' },
    theme: {},
    isDemo: false,
    hosts: [],
  });
  return { ...base, commune };
}

/**
 * Inserts `count` requests (demandes) of one démarche type in transactions of 1,000 rows: request i
 * is `2026-<i+1>`, from `usager<i>@exemple.fr`, received at `now`, unless `row(i)` says otherwise.
 * Returns the seconds it took.
 */
export async function insertDemandes(
  db: Database,
  target: { communeId: number; typeId: number; revisionId: number },
  count: number,
  now: Date,
  row: (i: number) => Record<string, unknown> = () => ({}),
): Promise<number> {
  const t0 = performance.now();
  for (let start = 0; start < count; start += 1000) {
    const rows = Array.from({ length: Math.min(1000, count - start) }, (_, k) => {
      const i = start + k;
      return {
        commune_id: target.communeId,
        type_id: target.typeId,
        revision_id: target.revisionId,
        reference: `2026-${String(i + 1).padStart(6, '0')}`,
        token_hash: randomBytes(32).toString('hex'),
        status: 'recue',
        canal: 'en_ligne',
        email: `usager${i}@exemple.fr`,
        nom: `Nom ${i}`,
        prenom: 'Prénom',
        adresse: `${i} rue des Lilas, 62000 Bench`,
        answers: '{}',
        received_at: now.toISOString(),
        decision_due: null,
        assignee_user_id: null,
        updated_at: now.toISOString(),
        ...row(i),
      };
    });
    await db.transaction().execute((trx) => trx.insertInto('demande').values(rows).execute());
  }
  return (performance.now() - t0) / 1000;
}
