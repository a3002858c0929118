import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { createTestDb, describeEachEngine, type TestDb } from '../../../tests/helpers/db.js';
import { type FakeS3, startFakeS3 } from '../../../tests/helpers/fake-s3.js';
import type { BackupConfig, DatabaseConfig } from '../../config.js';
import { createDb, type Database } from '../../db/database.js';
import type { Engine } from '../../db/dialect.js';
import { migrateToLatest } from '../../db/migrate.js';
import { contactValues, ctxFor, makeCommune, silentLog } from '../../modules/demarches/demarches.factories.js';
import { deposerDemande } from '../../modules/demarches/demarches.service.js';
import { DiskFileStore } from '../files/index.js';
import { resolveSecret } from '../secret.js';
import { TenantScope } from '../tenancy/index.js';
import {
  BACKUP_EXTENSION,
  backupStatus,
  createBackup,
  createKeyPair,
  listLocalBackups,
  pruneBackups,
  restoreBackup,
  S3BackupTarget,
  verifyBackup,
} from './index.js';

const PASSPHRASE = 'correct horse battery staple';
const keysDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'clocher-keys-'));
const keyFiles = {
  publicKeyFile: path.join(keysDir, 'backup-public.pem'),
  privateKeyFile: path.join(keysDir, 'backup-private.pem'),
};
await createKeyPair(keyFiles, PASSPHRASE);
after(() => fsp.rm(keysDir, { recursive: true, force: true }));

/** Every row of every table, in a stable order: what "identical after restore" means. */
async function everything(db: Database): Promise<Record<string, unknown[]>> {
  const tables = (await db.introspection.getTables()).map((t) => t.name).sort();
  const out: Record<string, unknown[]> = {};
  for (const name of tables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(name)} order by 1`.execute(db);
    out[name] = rows;
  }
  return out;
}

async function wipePostgres(url: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query('drop schema public cascade; create schema public');
  await c.end();
}

describeEachEngine('sauvegarde chiffrée, vérification et restauration', (engine: Engine) => {
  let t: TestDb | undefined;
  let db: Database;
  let root: string;
  let dataDir: string;
  let s3: FakeS3;
  let config: { database: DatabaseConfig; dataDir: string; secret: undefined; backup: BackupConfig };
  const now = new Date('2026-11-28T03:15:00.000Z');
  const clock = () => now;
  const deps = () => ({ db, now: clock, log: silentLog, actor: { kind: 'system', label: 'test' } as const, config });

  before(async () => {
    root = await fsp.mkdtemp(path.join(os.tmpdir(), 'clocher-backup-'));
    dataDir = path.join(root, 'data');
    s3 = await startFakeS3('sauvegardes');
    let database: DatabaseConfig;
    if (engine === 'sqlite') {
      database = { engine: 'sqlite', filename: path.join(dataDir, 'clocher.sqlite') };
      db = createDb(database);
      await migrateToLatest(db);
    } else {
      t = await createTestDb('postgres');
      db = t.db;
      database = { engine: 'postgres', connectionString: t.url ?? '' };
    }
    config = {
      database,
      dataDir,
      secret: undefined,
      backup: {
        dir: path.join(root, 'backups'),
        ...keyFiles,
        passphrase: undefined,
        schedule: null,
        s3: {
          endpoint: s3.endpoint,
          region: 'us-east-1',
          bucket: 'sauvegardes',
          prefix: 'clocher/',
          accessKeyId: 'test',
          secretAccessKey: 'test-secret',
          lockDays: 30,
        },
      },
    };
    resolveSecret(undefined, dataDir);
    const files = new DiskFileStore(path.join(dataDir, 'files'));
    const commune = await makeCommune(db, '62001', 'alpha', now);
    for (let i = 0; i < 5; i++) {
      await deposerDemande(ctxFor(db, commune, clock), {
        slug: 'contact',
        values: contactValues({ nom: `Martin ${i}` }),
        file: null,
        canal: 'en_ligne',
        baseUrl: 'https://alpha.test',
      });
    }
    for (let i = 0; i < 3; i++) {
      const blob = await files.put(randomBytes(50_000 + i));
      await new TenantScope(db, commune.id)
        .insertInto('stored_file', {
          sha256: blob.sha256,
          mime: 'application/octet-stream',
          size: blob.size,
          original_name: `piece-${i}.bin`,
          created_at: now.toISOString(),
          created_by: null,
        })
        .execute();
    }
  });

  after(async () => {
    if (engine === 'sqlite') await db.destroy().catch(() => {});
    await t?.destroy();
    await s3.close();
    await fsp.rm(root, { recursive: true, force: true });
  });

  it('sauvegarde, vérifie, détruit tout puis restaure à l’identique : demandes, actes, fichiers, secret', async () => {
    const before = await everything(db);
    const made = await createBackup(deps());
    assert.match(made.name, /^clocher-2026-11-28T03-15-00Z$/);
    const clear = await fsp.readFile(made.file);
    assert.ok(!clear.includes(Buffer.from('Martin 0')), 'the backup is encrypted');
    assert.ok(!clear.includes(Buffer.from('CREATE TABLE')) && !clear.includes(Buffer.from('SQLite format')));

    const checked = await verifyBackup(deps(), { passphrase: PASSPHRASE });
    assert.equal(checked.name, made.name);
    assert.equal(checked.files, 3);
    assert.ok(checked.rows > 0);

    assert.equal(before.demande?.length, 5);
    const storeBefore = new Map<string, Buffer>();
    for (const f of before.stored_file as { sha256: string }[]) {
      storeBefore.set(f.sha256, await new DiskFileStore(path.join(dataDir, 'files')).get(f.sha256));
    }
    const secretBefore = await fsp.readFile(path.join(dataDir, 'secret'), 'utf8');

    // Disaster: the data dir is gone, and on PostgreSQL the database too.
    await db.destroy();
    await fsp.rm(dataDir, { recursive: true, force: true });
    if (config.database.engine === 'postgres') await wipePostgres(config.database.connectionString);

    const restored = await restoreBackup(config, { passphrase: PASSPHRASE, from: config.backup.dir });
    assert.equal(restored.name, made.name);
    db = createDb(config.database);
    if (t) t.db = db;
    const afterRestore = await everything(db);
    // The restored database holds the backup's own record (written after its snapshot): not compared.
    assert.deepEqual(
      { ...afterRestore, backup_run: [], audit_event: [], audit_chain: [] },
      { ...before, backup_run: [], audit_event: [], audit_chain: [] },
    );
    assert.deepEqual(afterRestore.audit_event, before.audit_event);
    const store = new DiskFileStore(path.join(dataDir, 'files'));
    for (const [sha, bytes] of storeBefore) assert.ok((await store.get(sha)).equals(bytes));
    assert.equal(await fsp.readFile(path.join(dataDir, 'secret'), 'utf8'), secretBefore);
  });

  it('copie chaque sauvegarde dans le compartiment S3, verrouillée, et la vérifie depuis là', async () => {
    const made = await createBackup(deps());
    assert.equal(made.s3Key, `clocher/${made.name}${BACKUP_EXTENSION}`);
    const object = s3.objects.get(made.s3Key ?? '');
    assert.ok(object?.body.equals(await fsp.readFile(made.file)), 'the bucket holds the same bytes');
    assert.equal(object?.lockMode, 'COMPLIANCE');
    assert.equal(object?.lockUntil?.toISOString(), '2026-12-28T03:15:00.000Z');
    const put = s3.requests.find((r) => r.method === 'PUT');
    assert.match(String(put?.headers.authorization), /^AWS4-HMAC-SHA256 Credential=test\//);

    await fsp.rm(made.file);
    const checked = await verifyBackup(deps(), { passphrase: PASSPHRASE, fromS3: true, name: made.name });
    assert.equal(checked.name, made.name);
    // The lock refuses deletion: pruning keeps the bucket copy and does not fail.
    await new S3BackupTarget(config.backup.s3 ?? assert.fail()).delete(made.name).then(
      () => assert.fail('a locked object was deleted'),
      () => undefined,
    );
  });

  it('refuse une sauvegarde altérée ou une mauvaise phrase de passe, et l’enregistre', async () => {
    const made = await createBackup(deps());
    await assert.rejects(verifyBackup(deps(), { passphrase: 'not the passphrase' }), /passphrase/);
    const bytes = await fsp.readFile(made.file);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = (bytes[middle] ?? 0) ^ 0x01;
    await fsp.writeFile(made.file, bytes);
    await assert.rejects(verifyBackup(deps(), { passphrase: PASSPHRASE, name: made.name }), /damaged|altered/);
    const status = await backupStatus(db, now);
    assert.equal(status.lastVerify?.ok, false);
    assert.equal(status.lastVerifiedOk?.name, 'clocher-2026-11-28T03-15-00Z-2');
    assert.equal(status.lastBackup?.ok, true);
    assert.equal(status.stale, false);
    assert.equal(status.verifiedRecently, true);
    const events = await db
      .selectFrom('audit_event')
      .select('action')
      .where('commune_id', 'is', null)
      .where('object_type', '=', 'backup')
      .execute();
    assert.ok(events.some((e) => e.action === 'backup.created'));
    assert.ok(events.some((e) => e.action === 'backup.verified'));
    assert.ok(events.some((e) => e.action === 'backup.verify_failed'));
  });

  it('sans clé publique, la sauvegarde échoue proprement et l’échec est enregistré', async () => {
    const noKey = { ...config, backup: { ...config.backup, publicKeyFile: path.join(root, 'absent.pem') } };
    await assert.rejects(createBackup({ ...deps(), config: noKey }), /clocher backup init/);
    const status = await backupStatus(db, now);
    assert.equal(status.lastBackup?.ok, false);
    assert.match(status.lastBackup?.detail ?? '', /clocher backup init/);
  });

  it('applique la rotation au dossier', async () => {
    const dir = path.join(root, 'rotation');
    await fsp.mkdir(dir);
    for (let d = 1; d <= 20; d++) {
      await fsp.writeFile(
        path.join(dir, `clocher-2026-11-${String(d).padStart(2, '0')}T03-15-00Z${BACKUP_EXTENSION}`),
        'x',
      );
    }
    await fsp.writeFile(path.join(dir, 'notes.txt'), 'à garder');
    const removed = await pruneBackups({ ...deps(), s3: null }, dir);
    // Kept: Nov 14–20 (7 days), the newest of ISO weeks 45 and 44 (Nov 8, Nov 1); Nov 15 is both.
    assert.equal(removed.length, 20 - 9);
    const left = await listLocalBackups(dir);
    assert.deepEqual(left.slice(0, 3), [
      'clocher-2026-11-01T03-15-00Z',
      'clocher-2026-11-08T03-15-00Z',
      'clocher-2026-11-14T03-15-00Z',
    ]);
    assert.ok((await fsp.readdir(dir)).includes('notes.txt'));
  });

  it('envoie une grosse sauvegarde en plusieurs parties, verrouillée, et la relit à l’identique', async () => {
    // 5 MiB parts (S3's minimum) and a 12 MiB file that gzip cannot shrink: three parts.
    const blob = await new DiskFileStore(path.join(dataDir, 'files')).put(randomBytes(12 * 1024 * 1024));
    const commune = await db.selectFrom('commune').select('id').executeTakeFirstOrThrow();
    await new TenantScope(db, commune.id)
      .insertInto('stored_file', {
        sha256: blob.sha256,
        mime: 'application/octet-stream',
        size: blob.size,
        original_name: 'gros.bin',
        created_at: now.toISOString(),
        created_by: null,
      })
      .execute();
    const target = new S3BackupTarget(config.backup.s3 ?? assert.fail(), { partSize: 5 * 1024 * 1024 });
    const made = await createBackup({ ...deps(), s3: target });
    assert.ok(made.size > 12 * 1024 * 1024);
    const object = s3.objects.get(made.s3Key ?? '') ?? assert.fail('no object in the bucket');
    assert.equal(object.parts, 3);
    assert.ok(object.body.equals(await fsp.readFile(made.file)), 'the bucket holds the same bytes');
    assert.equal(object.lockMode, 'COMPLIANCE');
    assert.equal(object.lockUntil?.toISOString(), '2026-12-28T03:15:00.000Z');
    const parts = s3.requests.filter((r) => r.method === 'PUT' && r.url.includes('partNumber='));
    assert.equal(parts.length, 3);
    assert.ok(parts.every((r) => r.headers['x-amz-checksum-crc32']));
    assert.equal(s3.uploads.size, 0);

    await fsp.rm(made.file);
    const checked = await verifyBackup(
      { ...deps(), s3: target },
      { passphrase: PASSPHRASE, fromS3: true, name: made.name },
    );
    assert.equal(checked.name, made.name);
    assert.equal(checked.files, 4);
    await target.delete(made.name).then(
      () => assert.fail('a locked object was deleted'),
      () => undefined,
    );
    target.close();
  });

  it('annule l’envoi en plusieurs parties qui échoue en route : ni objet ni envoi en suspens', async () => {
    const target = new S3BackupTarget(config.backup.s3 ?? assert.fail(), { partSize: 5 * 1024 * 1024 });
    const objectsBefore = new Map(s3.objects);
    s3.failPart = 2;
    try {
      await assert.rejects(
        createBackup({ ...deps(), s3: target }),
        /^Error: copy to s3:\/\/sauvegardes\/clocher\/ failed: We encountered an internal error/,
      );
    } finally {
      s3.failPart = null;
      target.close();
    }
    const created = s3.requests.findLast((r) => r.method === 'POST' && r.url.includes('?uploads'));
    const name = /\/sauvegardes\/clocher\/([^?]+)\.clocher-backup\?uploads/.exec(created?.url ?? '')?.[1];
    assert.ok(
      s3.requests.some((r) => r.method === 'DELETE' && r.url.includes('uploadId=')),
      'aborted',
    );
    assert.equal(s3.uploads.size, 0);
    // The bucket is as it was: no new object, none replaced.
    assert.equal(s3.objects.size, objectsBefore.size);
    for (const [key, object] of s3.objects) assert.equal(object, objectsBefore.get(key));
    const status = await backupStatus(db, now);
    assert.equal(status.lastBackup?.ok, false);
    assert.equal(status.lastBackup?.name, name);
    assert.match(status.lastBackup?.detail ?? '', /copy to s3:\/\/sauvegardes\/clocher\/ failed/);
  });
});
