import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../config.js';
import { DiskFileStore } from '../../core/files/index.js';
import { createDb } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import { createActe } from './acte-edit.service.js';
import { actesCtx, makeCommune, makeMember, SMALL_PDF } from './actes.factories.js';
import { publishActe, signActe } from './actes.service.js';

const root = path.resolve(import.meta.dirname, '../../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clocher-cli-actes-'));

const clocher = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', CLOCHER_DATA_DIR: dataDir },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('les commandes clocher actes import et verify', () => {
  let pdfPath = '';
  before(async () => {
    const db = createDb(loadConfig({ CLOCHER_DATA_DIR: dataDir }, dataDir).database);
    try {
      await migrateToLatest(db);
      const now = new Date('2026-11-21T09:00:00Z');
      const commune = await makeCommune(db, '62001', 'Avesnes', now);
      const actor = await makeMember(db, commune, now);
      const files = new DiskFileStore(path.join(dataDir, 'files'));
      const ctx = actesCtx(db, commune, () => now, files, actor);
      const id = await createActe(ctx, {
        nature: 'arrete_reglementaire',
        numero: 'A2026_001',
        objet: 'Circulation rue Haute',
        dateDecision: '2026-11-20',
        matiereCode: '6.1',
        auteurNom: 'Marie Lefebvre',
        auteurQualite: 'Maire',
        texte: 'Arrête : la circulation est alternée.',
        transmissionException: null,
        contratAuDessusDuSeuil: false,
      });
      await signActe(ctx, { acteId: id });
      await publishActe(ctx, { acteId: id });
      const row = await db
        .selectFrom('stored_file')
        .select('sha256')
        .where('commune_id', '=', commune.id)
        .executeTakeFirstOrThrow();
      pdfPath = files.pathOf(row.sha256);
    } finally {
      await db.destroy();
    }
  });
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('importe un dossier de PDF tout ou rien, puis vérifie le registre et sort en erreur s’il est altéré', () => {
    const folder = path.join(dataDir, 'anciens');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'a1.pdf'), SMALL_PDF);
    fs.writeFileSync(path.join(folder, 'pas-un-pdf.pdf'), 'bonjour');
    const header = 'numero;nature;objet;date_decision;matiere;auteur_nom;auteur_qualite;date_publication;fichier';
    const csv = path.join(dataDir, 'actes.csv');
    fs.writeFileSync(
      csv,
      `${header}\nA2018_001;AR;Marché du dimanche;2018-05-02;6.1;Jean Petit;Maire;2018-05-03;a1.pdf\nA2018_002;AR;Foire;2018-06-02;6.1;Jean Petit;Maire;2018-06-03;pas-un-pdf.pdf\n`,
    );
    const refused = clocher('actes', 'import', csv, folder, '--commune', 'avesnes');
    assert.equal(refused.status, 1, refused.stderr);
    assert.match(refused.stderr, /line 3\tLe fichier pas-un-pdf.pdf n’est pas un PDF/);
    assert.match(refused.stderr, /nothing imported: 1 problem/);

    fs.writeFileSync(
      csv,
      `${header}\nA2018_001;AR;Marché du dimanche;2018-05-02;6.1;Jean Petit;Maire;2018-05-03;a1.pdf\n`,
    );
    const done = clocher('actes', 'import', csv, folder, '--commune', 'avesnes');
    assert.equal(done.status, 0, done.stderr);
    assert.match(done.stdout, /Imported 1 act\(s\) into the register of avesnes, published/);

    const ok = clocher('actes', 'verify');
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    assert.match(ok.stdout, /ok {6}avesnes: 2 entries, 2 document\(s\) checked/);

    fs.appendFileSync(pdfPath, '% ajout');
    const altered = clocher('actes', 'verify', '--commune', 'avesnes');
    assert.equal(altered.status, 1);
    assert.match(altered.stdout, /ALTERED avesnes: 1 problem/);
    assert.match(altered.stdout, /entry 1 \(act \d+\): document [0-9a-f]{64} of act A2026_001 altered or missing/);
    assert.match(altered.stderr, /the acts register was altered in 1 commune/);
    assert.equal(clocher('actes', 'verify', '--commune', 'inconnue').status, 1);
  });
});
