// `npm run bench:actes`: 100,000 published acts in one commune, all sharing one PDF, on SQLite and on
// PostgreSQL (a throwaway database). Starts the real server (as `npm start` does, page cache off so that
// every search reaches the database) and reports:
//  - the public register's search: p50 / p95 / max of GET /actes?q=… (with and without filters),
//    target p95 < 50 ms;
//  - the SCDL export GET /donnees/deliberations.csv streamed to the end: time (target < 5 s), rows,
//    bytes, and the server's peak resident memory (VmHWM, target < 300 MB).
//
//   npm run bench:actes -- [--acts 100000] [--searches 300] [--engines sqlite,postgres] [--keep DIR]
//                          [--natures deliberations|mixed]
//
// --natures deliberations (the default) makes every act a délibération, so that the SCDL file (which
// lists délibérations only) holds all of them; mixed gives the register 3 délibérations in 8, with
// arrêtés, contracts and budgets.
//
// --keep DIR seeds into DIR (and a PostgreSQL database named after it) and keeps them; a later run
// with the same DIR migrates them to the latest schema and measures again without reseeding.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import pino from 'pino';
import { systemClock } from '../src/core/clock.js';
import { systemActor } from '../src/core/context.js';
import { DiskFileStore } from '../src/core/files/index.js';
import { createDb, type Database } from '../src/db/database.js';
import type { Engine } from '../src/db/dialect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { seedDemo } from '../src/demo/demo.js';
import { NOMENCLATURE_NATIONALE } from '../src/modules/actes/classification.rules.js';
import { pgAdmin, pgUrl } from './fixtures.js';
import { builtServer, type Child, freePort, residentMemory, startChild, stopChild, waitForOk } from './processes.js';

const { values } = parseArgs({
  options: {
    acts: { type: 'string', default: '100000' },
    searches: { type: 'string', default: '300' },
    engines: { type: 'string', default: 'sqlite,postgres' },
    keep: { type: 'string' },
    natures: { type: 'string', default: 'deliberations' },
  },
});
if (values.natures !== 'deliberations' && values.natures !== 'mixed') {
  throw new Error('--natures must be deliberations or mixed');
}
const KEEP = values.keep ? path.resolve(values.keep) : null;
const ACTS = Number(values.acts);
const SEARCHES = Number(values.searches);
const root = path.resolve(import.meta.dirname, '..');

// Words the titles and texts are made of: searches hit a few hundred to a few thousand acts.
const SUJETS = [
  'stationnement',
  'circulation',
  'voirie',
  'cantine',
  'école',
  'salle des fêtes',
  'cimetière',
  'église',
  'éclairage public',
  'assainissement',
  'eau potable',
  'déchetterie',
  'marché hebdomadaire',
  'brocante',
  'fête communale',
  'bibliothèque',
  'terrain de football',
  'chemin rural',
  'lotissement',
  'subvention',
  'budget primitif',
  'compte administratif',
  'emprunt',
  'personnel communal',
  'régime indemnitaire',
  'plan local d’urbanisme',
  'droit de préemption',
  'acquisition foncière',
  'bail rural',
  'concession',
];
const LIEUX = [
  'rue Haute',
  'rue du Moulin',
  'place de l’Église',
  'route de Lille',
  'chemin de halage',
  'rue des Écoles',
  'hameau du Bois',
  'avenue de la Gare',
];
const VERBES = [
  'Réglementation',
  'Interdiction temporaire',
  'Autorisation',
  'Modification',
  'Adoption',
  'Fixation des tarifs',
  'Création',
  'Convention',
];
const NATURES =
  values.natures === 'mixed'
    ? [
        'deliberation',
        'deliberation',
        'deliberation',
        'arrete_reglementaire',
        'arrete_reglementaire',
        'contrat',
        'budget',
        'autre',
      ]
    : ['deliberation'];
const LEVEL2 = NOMENCLATURE_NATIONALE.items.filter((i) => i.code.includes('.'));

/** A small deterministic random generator (the same acts on both engines). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The database of a run; `reused` when a kept one (`--keep`) is already seeded. */
async function openDb(
  engine: Engine,
  dir: string,
): Promise<{ db: Database; url?: string; reused: boolean; drop: () => Promise<void> }> {
  const seeded = path.join(dir, 'seeded');
  const reused = KEEP !== null && fs.existsSync(seeded);
  if (engine === 'sqlite') {
    const filename = path.join(dir, 'data', 'clocher.sqlite');
    if (!reused) fs.rmSync(filename, { force: true });
    const db = createDb({ engine: 'sqlite', filename });
    return { db, reused, drop: () => db.destroy() };
  }
  const name = KEEP
    ? `clocher_bench_actes_${createHash('sha256').update(KEEP).digest('hex').slice(0, 8)}`
    : `clocher_bench_actes_${process.pid}`;
  if (!reused) {
    await pgAdmin(`drop database if exists ${name} with (force)`);
    await pgAdmin(`create database ${name}`);
  }
  const url = pgUrl(name);
  const db = createDb({ engine: 'postgres', connectionString: url });
  return {
    db,
    url,
    reused,
    drop: async () => {
      await db.destroy();
      if (!KEEP) await pgAdmin(`drop database if exists ${name} with (force)`);
    },
  };
}

/** Inserts the acts in batches of 500, one shared PDF; returns the seconds it took. */
async function bulkInsert(db: Database, communeId: number, files: DiskFileStore): Promise<number> {
  const pdf = fs.readFileSync(path.join(root, 'tests/fixtures/actes/acte.pdf'));
  const blob = await files.put(pdf);
  const now = new Date().toISOString();
  const file = await db
    .insertInto('stored_file')
    .values({
      commune_id: communeId,
      sha256: blob.sha256,
      mime: 'application/pdf',
      size: blob.size,
      original_name: 'acte.pdf',
      created_at: now,
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const random = rng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const started = performance.now();
  const BATCH = 500;
  for (let start = 0; start < ACTS; start += BATCH) {
    const rows = [];
    for (let i = start; i < Math.min(ACTS, start + BATCH); i++) {
      const year = 2000 + (i % 27);
      const day = `${year}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
      const nature = pick(NATURES);
      const matiere = pick(LEVEL2);
      const sujet = pick(SUJETS);
      const lieu = pick(LIEUX);
      const objet = `${pick(VERBES)} : ${sujet} ${lieu} (${i})`;
      const deliberation = nature === 'deliberation';
      const pour = 8 + Math.floor(random() * 7);
      rows.push({
        commune_id: communeId,
        numero: `B${String(i).padStart(7, '0')}`,
        nature,
        matiere_code: matiere.code,
        matiere_libelle: matiere.libelle,
        classification_date: null,
        objet,
        date_decision: day,
        auteur_nom: 'Claire Delattre',
        auteur_qualite: 'Maire',
        texte: `Le conseil municipal, vu le code général des collectivités territoriales, considérant la demande relative à ${sujet} ${lieu}, décide de ${pick(VERBES).toLowerCase()} ${pick(SUJETS)}. Le présent acte sera publié et transmis au représentant de l’État.`,
        seance_id: deliberation ? Math.floor(i / 12) : null,
        point_id: null,
        vote_effectif: deliberation ? 15 : null,
        vote_presents: deliberation ? 14 : null,
        vote_representes: deliberation ? 1 : null,
        vote_pour: deliberation ? pour : null,
        vote_contre: deliberation ? 15 - pour - 1 : null,
        vote_abstention: deliberation ? 1 : null,
        vote_npp: deliberation ? 0 : null,
        statut: 'publie',
        document_file_id: file.id,
        document_source: 'depose',
        signe_le: `${day}T10:00:00.000Z`,
        publicite_mode: 'electronique',
        publie_le: `${day}T12:00:00.000Z`,
        notifie_le: null,
        transmission_requise: 1,
        transmission_exception: null,
        transmission_id: null,
        transmis_le: day,
        ar_recu_le: day,
        anomalie: null,
        pref_service: 'PREF062',
        fin_le: null,
        fin_motif: null,
        importe: 1,
        created_by: null,
        created_at: now,
        updated_at: now,
      });
    }
    await db.insertInto('acte').values(rows).execute();
  }
  return (performance.now() - started) / 1000;
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

async function timed(url: string): Promise<{ ms: number; status: number; bytes: number }> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { host: 'localhost' } });
  const body = Buffer.from(await res.arrayBuffer());
  return { ms: performance.now() - t0, status: res.status, bytes: body.length };
}

async function run(engine: Engine): Promise<void> {
  const dir = KEEP ? path.join(KEEP, engine) : fs.mkdtempSync(path.join(os.tmpdir(), 'clocher-bench-actes-'));
  fs.mkdirSync(path.join(dir, 'data'), { recursive: true });
  const { db, url: pgUrl, reused, drop } = await openDb(engine, dir);
  let child: Child | undefined;
  try {
    await migrateToLatest(db);
    let insertSeconds: number | null = null;
    if (!reused) {
      const log = pino({ level: 'silent' });
      await seedDemo({ db, now: systemClock, log, actor: systemActor('bench') }, 'bench-pw-actes');
      const commune = await db
        .selectFrom('commune')
        .select('id')
        .where('slug', '=', 'bellerive-sur-lys')
        .executeTakeFirstOrThrow();
      insertSeconds = await bulkInsert(db, commune.id, new DiskFileStore(path.join(dir, 'data', 'files')));
      if (KEEP) fs.writeFileSync(path.join(dir, 'seeded'), `${ACTS}\n`);
    }
    // A register filled over the years has been vacuumed by autovacuum: the full-text index's pending
    // list merged and the statistics taken. Right after a bulk insert, searches would scan that list.
    if (engine === 'postgres') await sql`vacuum analyze`.execute(db);
    await db.destroy();

    const port = await freePort();
    const env: NodeJS.ProcessEnv = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !k.startsWith('CLOCHER_')),
    );
    Object.assign(env, {
      NODE_ENV: 'production',
      CLOCHER_DATA_DIR: path.join(dir, 'data'),
      CLOCHER_HOST: '127.0.0.1',
      CLOCHER_PORT: String(port),
      CLOCHER_LOG_LEVEL: 'warn',
      CLOCHER_DEMO: 'false',
      CLOCHER_PAGE_CACHE: 'false',
      ...(pgUrl && { CLOCHER_DATABASE_URL: pgUrl }),
    });
    child = startChild('clocher', process.execPath, builtServer(root), { cwd: root, env });
    const base = `http://127.0.0.1:${port}`;
    await waitForOk(`${base}/readyz`, child, 240_000);

    // Warm-up, then searches: a word, two words, a word with filters, a filter only, a later page.
    const queries = [
      (i: number) => `/actes?q=${encodeURIComponent(SUJETS[i % SUJETS.length]?.split(' ')[0] ?? 'voirie')}`,
      (i: number) =>
        `/actes?q=${encodeURIComponent(`${SUJETS[i % SUJETS.length]} ${LIEUX[i % LIEUX.length]?.split(' ').at(-1)}`)}`,
      (i: number) =>
        `/actes?q=${encodeURIComponent(SUJETS[(i * 7) % SUJETS.length]?.split(' ')[0] ?? 'voirie')}&nature=deliberation&annee=${2000 + (i % 27)}`,
      (i: number) => `/actes?matiere=${(i % 9) + 1}&annee=${2000 + (i % 27)}`,
      (i: number) => `/actes?page=${1 + (i % 50)}`,
    ];
    for (let i = 0; i < 20; i++) await timed(`${base}${queries[i % queries.length]?.(i)}`);
    const timings: { path: string; ms: number }[] = [];
    for (let i = 0; i < SEARCHES; i++) {
      const searchPath = queries[i % queries.length]?.(i) ?? '/actes';
      const r = await timed(`${base}${searchPath}`);
      if (r.status !== 200) throw new Error(`search ${i} answered ${r.status}`);
      timings.push({ path: searchPath, ms: r.ms });
    }
    timings.sort((a, b) => a.ms - b.ms);
    const times = timings.map((t) => t.ms);
    const slowest = timings.slice(-3).reverse();
    const rssBefore = residentMemory(child.proc.pid);

    // The SCDL export, read as a client reads it: streamed to the end.
    const t0 = performance.now();
    const res = await fetch(`${base}/donnees/deliberations.csv`, { headers: { host: 'localhost' } });
    let bytes = 0;
    let rows = -1;
    const hash = createHash('sha256');
    let peak = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, residentMemory(child?.proc.pid)?.rssMiB ?? 0);
    }, 50);
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      hash.update(chunk);
      for (const b of chunk) if (b === 10) rows++;
    }
    clearInterval(sampler);
    peak = Math.max(peak, residentMemory(child.proc.pid)?.rssMiB ?? 0);
    const exportSeconds = (performance.now() - t0) / 1000;
    const mem = residentMemory(child.proc.pid);
    console.log(
      [
        insertSeconds === null
          ? `${engine}: kept database of ${path.join(dir, 'seeded')} reused (${fs.readFileSync(path.join(dir, 'seeded'), 'utf8').trim()} acts)`
          : `${engine}: ${ACTS.toLocaleString('en')} acts inserted in ${insertSeconds.toFixed(1)} s`,
        `  search GET /actes (${SEARCHES} requests, sequential): p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms, max ${(times.at(-1) ?? 0).toFixed(1)} ms (target p95 < 50 ms)`,
        `  slowest: ${slowest.map((t) => `${decodeURIComponent(t.path)} ${t.ms.toFixed(0)} ms`).join(', ')}`,
        `  SCDL export /donnees/deliberations.csv: ${exportSeconds.toFixed(2)} s for ${rows.toLocaleString('en')} rows, ${(bytes / 1024 / 1024).toFixed(1)} MiB (target < 5 s)`,
        `  server RSS: ${rssBefore?.rssMiB.toFixed(0)} MiB before the export, ${peak.toFixed(0)} MiB sampled peak during it, VmHWM (peak of the whole run) ${mem?.peakMiB.toFixed(0)} MiB (target < 300 MB)`,
      ].join('\n'),
    );
  } finally {
    await stopChild(child);
    await drop().catch(() => {});
    if (!KEEP) fs.rmSync(dir, { recursive: true, force: true });
  }
}

for (const engine of (values.engines ?? '').split(',').filter(Boolean) as Engine[]) await run(engine);
