// `npm run bench:barometre`: the results page of a campaign of 10,000 responses. Builds the app in
// this process on a fresh SQLite file with the demo, imports 10,000 generated responses (real INSEE
// codes, fixed seed) into a closed campaign, then times the operator's results page and the public
// observatory page (inject, no network), and the provisional results of the campaign while open.
// Budget: the published results pages under 200 ms.
//
//   npm run bench:barometre -- [--responses 10000] [--runs 20]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { systemClock } from '../src/core/clock.js';
import { systemActor } from '../src/core/context.js';
import { DiskFileStore } from '../src/core/files/index.js';
import { CommuneResolver } from '../src/core/tenancy/index.js';
import { createDb } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { seedDemo } from '../src/demo/demo.js';
import { changeCampagneStatut, createCampagne } from '../src/modules/barometre/campagnes.service.js';
import { importReponses } from '../src/modules/barometre/import.service.js';
import { REFERENCE_EDITION } from '../src/modules/barometre/questionnaire.data.js';
import { eligibleCommunes } from '../src/modules/barometre/sample.js';
import { generateSample, sampleCsv } from '../src/modules/barometre/sample.rules.js';

const BUDGET_MS = 200;
const PASSWORD = 'bench-barometre-password';

const { values } = parseArgs({
  options: { responses: { type: 'string', default: '10000' }, runs: { type: 'string', default: '20' } },
});
const responses = Number(values.responses);
const runs = Number(values.runs);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clocher-bench-barometre-'));
const db = createDb({ engine: 'sqlite', filename: path.join(dir, 'bench.sqlite') });
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

try {
  await migrateToLatest(db);
  const ctx = { db, now: systemClock, log: pino({ level: 'silent' }), actor: systemActor('bench') };
  await seedDemo(ctx, PASSWORD);
  const annee = new Date().getUTCFullYear() + 1;
  await createCampagne(ctx, { annee, edition: REFERENCE_EDITION.edition });
  await changeCampagneStatut(ctx, annee, 'ouvrir');
  const sample = generateSample(REFERENCE_EDITION, eligibleCommunes(), responses, 10_000);
  const started = performance.now();
  const outcome = await importReponses(ctx, {
    annee,
    csv: sampleCsv(REFERENCE_EDITION, sample),
    filename: 'bench.csv',
  });
  if (!outcome.ok) throw new Error(`import refused: ${JSON.stringify(outcome.rejets.slice(0, 3))}`);
  console.log(`imported ${outcome.count} responses in ${Math.round(performance.now() - started)} ms`);
  await changeCampagneStatut(ctx, annee, 'clore');
  // Reopened just below, for the provisional results of an open campaign.

  const config = loadConfig({ CLOCHER_DATA_DIR: dir, CLOCHER_PORT: '0', CLOCHER_LOG_LEVEL: 'silent' }, dir);
  const app = await buildApp({
    config,
    db,
    now: systemClock,
    resolver: new CommuneResolver(db, undefined),
    files: new DiskFileStore(path.join(dir, 'files')),
    secret: 'b'.repeat(48),
  });
  const signIn = await app.inject({ url: '/admin/connexion', headers: { host: 'localhost' } });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(signIn.body)![1]!;
  const cookies = (res: { cookies: { name: string; value: string }[] }) =>
    res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const login = await app.inject({
    method: 'POST',
    url: '/admin/connexion',
    headers: { host: 'localhost', cookie: cookies(signIn), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({
      _csrf: csrf,
      email: 'operateur@bellerive-sur-lys.test',
      password: PASSWORD,
    }).toString(),
  });
  const session = `${cookies(signIn)}; ${cookies(login)}`;

  let failed = false;
  for (const [name, url, cookie, open] of [
    [
      'operator results page, open campaign (provisional, computed live)',
      `/plateforme/barometre/${annee}/resultats`,
      session,
      true,
    ],
    [
      'operator results page, closed campaign (statistics frozen at closing)',
      `/plateforme/barometre/${annee}/resultats`,
      session,
      false,
    ],
    ['public observatory page, closed campaign', `/observatoire/${annee}`, undefined, false],
  ] as const) {
    if (open) await changeCampagneStatut(ctx, annee, 'ouvrir');
    else {
      const started = performance.now();
      await changeCampagneStatut(ctx, annee, 'clore').catch(() => undefined);
      if (performance.now() - started > 5)
        console.log(`closing (statistics frozen) took ${Math.round(performance.now() - started)} ms`);
    }
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs + 2; i++) {
      const t0 = performance.now();
      const res = await app.inject({ url, headers: { host: 'localhost', ...(cookie ? { cookie } : {}) } });
      const ms = performance.now() - t0;
      if (res.statusCode !== 200) throw new Error(`${url}: HTTP ${res.statusCode}`);
      bytes = res.body.length;
      if (i >= 2) times.push(ms); // the first two runs warm the JIT up
    }
    times.sort((a, b) => a - b);
    const median = pct(times, 0.5);
    const p95 = pct(times, 0.95);
    // The budget is for the published results; the provisional page of an open campaign is shown for information.
    const budget = open ? 'no budget (provisional)' : median < BUDGET_MS ? 'ok' : 'OVER';
    if (!open) failed ||= median >= BUDGET_MS;
    console.log(
      `${name} (${responses} responses, ${Math.round(bytes / 1024)} KiB): median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms over ${runs} runs — budget ${BUDGET_MS} ms: ${budget}`,
    );
  }
  await app.close();
  if (failed) process.exitCode = 1;
} finally {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
}
