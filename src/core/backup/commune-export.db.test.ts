import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { createTestDb, describeEachEngine, type TestDb } from '../../../tests/helpers/db.js';
import type { Engine } from '../../db/dialect.js';
import { contactValues, ctxFor, makeCommune } from '../../modules/demarches/demarches.factories.js';
import { deposerDemande } from '../../modules/demarches/demarches.service.js';
import { AppError } from '../errors.js';
import { DiskFileStore } from '../files/index.js';
import { type Commune, TenantScope } from '../tenancy/index.js';
import { exportCommune } from './index.js';

/** The entry names of a zip, read from its central directory (signature PK\1\2). */
function zipNames(zip: Buffer): string[] {
  const names: string[] = [];
  for (let i = zip.indexOf('PK\x01\x02'); i >= 0; i = zip.indexOf('PK\x01\x02', i + 4)) {
    const len = zip.readUInt16LE(i + 28);
    names.push(zip.subarray(i + 46, i + 46 + len).toString('utf8'));
  }
  return names;
}

describeEachEngine('export des données d’une commune qui quitte la plateforme', (engine: Engine) => {
  let t: TestDb;
  let root: string;
  let a: Commune;
  let b: Commune;
  let fileA: string;
  let fileB: string;
  const now = new Date('2026-11-28T10:00:00.000Z');
  const clock = () => now;
  const deps = () => ({ db: t.db, now: clock, actor: { kind: 'system', label: 'test' } as const, dataDir: root });

  before(async () => {
    t = await createTestDb(engine);
    root = await fsp.mkdtemp(path.join(os.tmpdir(), 'clocher-export-'));
    a = await makeCommune(t.db, '62001', 'alpha', now);
    b = await makeCommune(t.db, '62002', 'beta', now);
    const store = new DiskFileStore(path.join(root, 'files'));
    const depot = (nom: string) => ({
      slug: 'contact',
      values: contactValues({ nom }),
      file: null,
      canal: 'en_ligne' as const,
      baseUrl: 'https://x.test',
    });
    for (const nom of ['Durand', 'Dupont; "le jeune"', 'Lefèvre\nsur deux lignes']) {
      await deposerDemande(ctxFor(t.db, a, clock), depot(nom));
    }
    await deposerDemande(ctxFor(t.db, b, clock), depot('Secret de Beta'));
    const put = async (c: Commune) => {
      const blob = await store.put(randomBytes(1000));
      await new TenantScope(t.db, c.id)
        .insertInto('stored_file', {
          sha256: blob.sha256,
          mime: 'application/octet-stream',
          size: blob.size,
          original_name: 'piece.bin',
          created_at: now.toISOString(),
          created_by: null,
        })
        .execute();
      return blob.sha256;
    };
    fileA = await put(a);
    fileB = await put(b);
  });
  after(async () => {
    await t.destroy();
    await fsp.rm(root, { recursive: true, force: true });
  });

  it('écrit un CSV et un JSON par table de la commune, ses fichiers, et rien d’une autre commune', async () => {
    const r = await exportCommune(deps(), { slug: 'alpha', to: path.join(root, 'out') });
    assert.equal(r.path, path.join(root, 'out', 'alpha-export-2026-11-28'));
    assert.equal(r.tables.demande, 3);
    assert.equal(r.files, 1);
    // Found generically: every table with a commune_id, including those of later modules.
    for (const table of ['demande', 'demande_evenement', 'mail_outbox', 'stored_file', 'audit_event']) {
      assert.ok(table in r.tables, table);
    }
    const csv = parse(await fsp.readFile(path.join(r.path, 'tables', 'demande.csv')), {
      columns: true,
      bom: true,
      delimiter: ';',
    }) as Record<string, string>[];
    assert.deepEqual(
      csv.map((row) => row.nom),
      ['Durand', 'Dupont; "le jeune"', 'Lefèvre\nsur deux lignes'],
    );
    const json = JSON.parse(await fsp.readFile(path.join(r.path, 'tables', 'demande.json'), 'utf8')) as {
      commune_id: number;
    }[];
    assert.ok(json.every((row) => row.commune_id === a.id));
    const everything = (
      await Promise.all(
        (
          await fsp.readdir(path.join(r.path, 'tables'))
        ).map((f) => fsp.readFile(path.join(r.path, 'tables', f), 'utf8')),
      )
    ).join('\n');
    assert.ok(!everything.includes('Secret de Beta'));
    assert.ok(!everything.includes(fileB));
    const copied = await fsp.readFile(path.join(r.path, 'files', fileA));
    assert.ok(copied.equals(await new DiskFileStore(path.join(root, 'files')).get(fileA)));
    const commune = JSON.parse(await fsp.readFile(path.join(r.path, 'commune.json'), 'utf8')) as { insee: string };
    assert.equal(commune.insee, '62001');
    const audit = await t.db
      .selectFrom('audit_event')
      .select('action')
      .where('commune_id', '=', a.id)
      .where('action', '=', 'commune.exported')
      .execute();
    assert.equal(audit.length, 1);
  });

  it('écrit la même chose dans un zip', async () => {
    const r = await exportCommune(deps(), { slug: 'alpha', to: path.join(root, 'zip'), zip: true });
    assert.ok(r.path.endsWith('alpha-export-2026-11-28.zip'));
    const names = zipNames(await fsp.readFile(r.path));
    assert.ok(names.includes('tables/demande.csv'));
    assert.ok(names.includes('tables/demande.json'));
    assert.ok(names.includes(`files/${fileA}`));
    assert.ok(!names.includes(`files/${fileB}`));
    assert.ok(names.includes('export.json'));
  });

  it('refuse une commune inconnue et n’écrase pas un export existant', async () => {
    await assert.rejects(
      exportCommune(deps(), { slug: 'gamma', to: root }),
      (e) => e instanceof AppError && e.code === 'NotFound',
    );
    await assert.rejects(
      exportCommune(deps(), { slug: 'alpha', to: path.join(root, 'out') }),
      (e) => e instanceof AppError && e.code === 'Conflict',
    );
  });
});
