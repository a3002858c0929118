import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, it } from 'node:test';
import pino from 'pino';
import sharp from 'sharp';
import { insertTestCommune } from '../../../tests/helpers/communes.js';
import { createTestDb, describeEachEngine, type TestDb } from '../../../tests/helpers/db.js';
import type { Database } from '../../db/database.js';
import { type CommuneCtx, systemActor } from '../context.js';
import { isAppError } from '../errors.js';
import type { Commune } from '../tenancy/index.js';
import { DiskFileStore } from './disk-store.js';
import { getStoredFile, storeUpload } from './files.service.js';

const NOW = new Date('2026-12-01T10:00:00.000Z');
const IMAGES = ['image/jpeg', 'image/png'] as const;

const insertCommune = (db: Database, insee: string, nom: string): Promise<Commune> =>
  insertTestCommune(db, insee, { nom, slug: nom.toLowerCase() });

const png = () =>
  sharp({ create: { width: 8, height: 8, channels: 3, background: '#1d4ed8' } })
    .png()
    .toBuffer();

describeEachEngine('files : dépôt de fichiers', (engine) => {
  let t: TestDb;
  let root: string;
  let ctxA: CommuneCtx & { files: DiskFileStore };
  let ctxB: CommuneCtx & { files: DiskFileStore };
  beforeEach(async () => {
    t = await createTestDb(engine);
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'clocher-upload-'));
    const base = {
      db: t.db,
      now: () => NOW,
      log: pino({ level: 'silent' }),
      actor: systemActor('test'),
      files: new DiskFileStore(root),
    };
    ctxA = { ...base, commune: await insertCommune(t.db, '35001', 'Acigne') };
    ctxB = { ...base, commune: await insertCommune(t.db, '35002', 'Amanlis') };
  });
  afterEach(async () => {
    await t.destroy();
    await fs.rm(root, { recursive: true, force: true });
  });

  it('accepte une image PNG reconnue à son contenu et l’enregistre pour la commune', async () => {
    const bytes = await png();
    const file = await storeUpload(ctxA, {
      bytes,
      originalName: 'photo-eglise',
      allowed: IMAGES,
      maxBytes: 1024 * 1024,
    });
    assert.equal(file.mime, 'image/png');
    assert.equal(file.size, bytes.length);
    assert.equal(file.originalName, 'photo-eglise');
    assert.equal(file.createdAt, NOW.toISOString());
    assert.deepEqual(await ctxA.files.get(file.sha256), bytes);
    const row = await t.db
      .selectFrom('stored_file')
      .select('commune_id')
      .where('id', '=', file.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.commune_id, ctxA.commune.id);
    assert.deepEqual(await getStoredFile(ctxA, file.id), file);
  });

  it('refuse un fichier texte renommé en .jpg en nommant les formats acceptés', async () => {
    const bytes = Buffer.from('Ceci n’est pas une image, seulement du texte.\n');
    await assert.rejects(
      storeUpload(ctxA, { bytes, originalName: 'photo.jpg', allowed: IMAGES, maxBytes: 1024 * 1024 }),
      (e) => {
        assert.ok(isAppError(e, 'Invalid'));
        assert.match(e.message, /Formats acceptés : JPEG ou PNG, 1 Mo au maximum/);
        assert.equal(e.fields.file, e.message);
        return true;
      },
    );
    const n = await t.db.selectFrom('stored_file').select('id').execute();
    assert.deepEqual(n, []);
  });

  it('refuse une image d’un format non demandé', async () => {
    const bytes = await png();
    await assert.rejects(
      storeUpload(ctxA, {
        bytes,
        originalName: 'plan.pdf',
        allowed: ['application/pdf'],
        maxBytes: 1024 * 1024,
        field: 'plan',
      }),
      (e) => isAppError(e, 'Invalid') && /Formats acceptés : PDF/.test(e.message) && e.fields.plan === e.message,
    );
  });

  it('refuse un fichier trop lourd sans le stocker', async () => {
    const bytes = await png();
    await assert.rejects(
      storeUpload(ctxA, { bytes, originalName: 'photo.png', allowed: IMAGES, maxBytes: bytes.length - 1 }),
      (e) => isAppError(e, 'Invalid') && /trop volumineux/.test(e.message),
    );
    assert.deepEqual(await fs.readdir(root), []);
  });

  it('ne montre pas à la commune B le fichier de la commune A', async () => {
    const file = await storeUpload(ctxA, {
      bytes: await png(),
      originalName: 'a.png',
      allowed: IMAGES,
      maxBytes: 1024 * 1024,
    });
    await assert.rejects(getStoredFile(ctxB, file.id), (e) => isAppError(e, 'NotFound'));
    await assert.rejects(getStoredFile(ctxA, file.id + 1000), (e) => isAppError(e, 'NotFound'));
  });

  it('garde une copie par commune d’un même contenu, stocké une fois', async () => {
    const bytes = await png();
    const a = await storeUpload(ctxA, { bytes, originalName: 'a.png', allowed: IMAGES, maxBytes: 1024 * 1024 });
    const b = await storeUpload(ctxB, { bytes, originalName: 'b.png', allowed: IMAGES, maxBytes: 1024 * 1024 });
    assert.notEqual(a.id, b.id);
    assert.equal(a.sha256, b.sha256);
    assert.equal((await getStoredFile(ctxB, b.id)).originalName, 'b.png');
  });
});
