// Benchmark of data protection: the nightly retention job and a person search, on SQLite (a file)
// and on PostgreSQL. A commune holds N closed requests past their retention (a tenth with a piece
// in the file store) and N open ones: the job lists the archives on a bordereau, the visa is
// recorded, the job anonymizes them; then 100 searches by e-mail address among the 2N requests.
//
//   node --import tsx bench/rgpd.ts -- [--demandes 5000] [--engines sqlite,postgres]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DiskFileStore } from '../src/core/files/index.js';
import { createDb, type Database } from '../src/db/database.js';
import type { Engine } from '../src/db/dialect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { listBordereaux, runRetention, viserBordereau } from '../src/modules/rgpd/conservation.service.js';
import { rechercherPersonne } from '../src/modules/rgpd/personnes.service.js';
import { administrateur, ctxFor, insertType, makeCommune } from '../src/modules/rgpd/rgpd.factories.js';
import { throwawayPgDatabase } from './fixtures.js';

const { values } = parseArgs({
  options: {
    demandes: { type: 'string', default: '5000' },
    engines: { type: 'string', default: 'sqlite,postgres' },
  },
});
const N = Number(values.demandes);

async function openDb(engine: Engine, dir: string): Promise<{ db: Database; close: () => Promise<void> }> {
  if (engine === 'sqlite') {
    const db = createDb({ engine: 'sqlite', filename: path.join(dir, 'bench.sqlite') });
    return { db, close: () => db.destroy() };
  }
  const pgDb = await throwawayPgDatabase(`clocher_bench_rgpd_${process.pid}`);
  const db = createDb({ engine: 'postgres', connectionString: pgDb.url });
  return {
    db,
    close: async () => {
      await db.destroy();
      await pgDb.drop();
    },
  };
}

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

async function seed(db: Database, communeId: number, files: DiskFileStore, typeId: number): Promise<void> {
  const revision = await db
    .selectFrom('demarche_revision')
    .select('id')
    .where('type_id', '=', typeId)
    .executeTakeFirstOrThrow();
  const row = (i: number, closed: boolean) => ({
    commune_id: communeId,
    type_id: typeId,
    revision_id: revision.id,
    reference: `2024-${String(i).padStart(6, '0')}`,
    token_hash: 'x'.repeat(64),
    status: closed ? 'close' : 'instruction',
    canal: 'en_ligne',
    email: `usager${i % (N / 2)}@exemple.fr`,
    nom: 'Martin',
    prenom: 'Léa',
    adresse: '3 rue des Lilas',
    answers: JSON.stringify({ objet: `Question ${i}` }),
    received_at: '2024-01-05T09:00:00.000Z',
    decision_due: null,
    updated_at: '2024-01-10T09:00:00.000Z',
  });
  for (let i = 0; i < 2 * N; i += 500) {
    const batch = Array.from({ length: Math.min(500, 2 * N - i) }, (_, k) => row(i + k + 1, (i + k) % 2 === 0));
    const ids = await db.insertInto('demande').values(batch).returning('id').execute();
    await db
      .insertInto('demande_evenement')
      .values(
        ids.map(({ id }) => ({
          commune_id: communeId,
          demande_id: id,
          kind: 'message_usager',
          body: 'Bonjour',
          author: 'Demandeur',
          actor_user_id: null,
          created_at: '2024-01-05T09:00:00.000Z',
        })),
      )
      .execute();
    for (const { id } of ids.filter((_, k) => (i + k) % 20 === 0)) {
      const blob = await files.put(Buffer.from(`%PDF-1.4\n% pièce ${id}\n%%EOF\n`));
      const f = await db
        .insertInto('stored_file')
        .values({
          commune_id: communeId,
          sha256: blob.sha256,
          mime: 'application/pdf',
          size: blob.size,
          original_name: 'p.pdf',
          created_at: '2024-01-05T09:00:00.000Z',
          created_by: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('demande_piece')
        .values({
          commune_id: communeId,
          demande_id: id,
          file_id: f.id,
          field: 'piece',
          created_at: '2024-01-05T09:00:00.000Z',
        })
        .execute();
    }
  }
}

for (const engine of values.engines.split(',') as Engine[]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clocher-bench-rgpd-'));
  const { db, close } = await openDb(engine, dir);
  try {
    await migrateToLatest(db);
    const now = new Date('2026-03-01T02:50:00Z');
    const files = new DiskFileStore(path.join(dir, 'files'));
    const commune = await makeCommune(db, '62001', 'bench', now);
    const typeId = await insertType(db, commune.id, {
      slug: 'contact',
      title: 'Contacter la mairie',
      now: now.toISOString(),
    });
    let t0 = process.hrtime.bigint();
    await seed(db, commune.id, files, typeId);
    const seedMs = ms(t0);
    const ctx = ctxFor(db, commune, () => now, undefined, files);
    t0 = process.hrtime.bigint();
    const first = await runRetention(ctx);
    const listMs = ms(t0);
    const [b] = await listBordereaux(ctxFor(db, commune, () => now, administrateur));
    await viserBordereau(
      ctxFor(db, commune, () => now, administrateur),
      b?.id as number,
      {
        visa_date: '2026-02-27',
        visa_service: 'Archives départementales',
        visa_reference: 'AD-1',
      },
    );
    t0 = process.hrtime.bigint();
    const second = await runRetention(ctx);
    const execMs = ms(t0);
    const left = await db
      .selectFrom('demande')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('email', '<>', '')
      .executeTakeFirstOrThrow();
    if (Number(left.n) !== N || second.elimines !== N)
      throw new Error(`expected ${N} anonymized, got ${second.elimines}`);
    const times: number[] = [];
    for (let i = 0; i < 100; i++) {
      const s = process.hrtime.bigint();
      const found = await rechercherPersonne(
        ctxFor(db, commune, () => now, administrateur),
        `usager${2 * i}@exemple.fr`,
      );
      times.push(ms(s));
      if (found.items.length === 0) throw new Error('search found nothing');
    }
    times.sort((x, y) => x - y);
    console.log(
      `${engine}: ${2 * N} requests seeded in ${seedMs.toFixed(0)} ms; job listing ${first.elimines === 0 ? N : '?'} archives on a bordereau: ${listMs.toFixed(0)} ms; ` +
        `after the visa, anonymizing ${second.elimines} requests and removing ${second.fichiers} files: ${execMs.toFixed(0)} ms; ` +
        `search by address among ${2 * N}: p50 ${times[50]?.toFixed(1)} ms, p99 ${times[98]?.toFixed(1)} ms`,
    );
  } finally {
    await close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
