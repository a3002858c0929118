import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import pino from 'pino';
import { loadConfig } from '../config.js';
import { systemClock } from '../core/clock.js';
import { systemActor } from '../core/context.js';
import { createDb } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { changeCampagneStatut, createCampagne } from '../modules/barometre/campagnes.service.js';
import { REFERENCE_EDITION } from '../modules/barometre/questionnaire.data.js';
import { eligibleCommunes } from '../modules/barometre/sample.js';
import { generateSample, sampleCsv } from '../modules/barometre/sample.rules.js';

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clocher-cli-barometre-'));

const clocher = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', CLOCHER_DATA_DIR: dataDir },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('la commande clocher barometre import', () => {
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('n’importe rien d’un fichier fautif, imprime le rapport et sort en erreur, puis importe un fichier correct', async () => {
    const csv = sampleCsv(REFERENCE_EDITION, generateSample(REFERENCE_EDITION, eligibleCommunes(), 5, 11));
    const good = path.join(dataDir, 'reponses.csv');
    fs.writeFileSync(good, csv);
    const none = clocher('barometre', 'import', good);
    assert.equal(none.status, 1);
    assert.match(none.stderr, /no campaign is open/);

    const db = createDb(loadConfig({ CLOCHER_DATA_DIR: dataDir }, dataDir).database);
    try {
      await migrateToLatest(db);
      const ctx = { db, now: systemClock, log: pino({ level: 'silent' }), actor: systemActor('test') };
      await createCampagne(ctx, { annee: 2025, edition: REFERENCE_EDITION.edition });
      await changeCampagneStatut(ctx, 2025, 'ouvrir');
    } finally {
      await db.destroy();
    }

    const lines = csv.trim().split('\n');
    const bad = path.join(dataDir, 'fautif.csv');
    fs.writeFileSync(bad, [...lines, lines[1]!.replace(/^\w+/, '99999')].join('\n'));
    const refused = clocher('barometre', 'import', bad, '--campagne', '2025');
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /line 7\tcommune 99999\tcolumn code_insee\tCode INSEE inconnu/);
    assert.match(refused.stderr, /nothing imported: 1 problem/);

    const done = clocher('barometre', 'import', good);
    assert.equal(done.status, 0, done.stderr);
    assert.match(done.stdout, /Imported 5 answer\(s\) into campaign 2025/);
    const again = clocher('barometre', 'import', good, '--campagne', '2025');
    assert.equal(again.status, 1);
    assert.match(again.stderr, /déjà une réponse/);
  });
});
