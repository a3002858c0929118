import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, it } from 'node:test';
import pino from 'pino';
import { createTestDb, describeEachEngine, type TestDb } from '../../tests/helpers/db.js';
import { systemActor } from '../core/context.js';
import { DiskFileStore } from '../core/files/index.js';
import { findCommuneBySlug } from '../core/tenancy/index.js';
import { listActualitesForAdmin } from '../modules/actualites/index.js';
import { seedDemo } from './demo.js';

describeEachEngine('démo : photos des actualités', (engine) => {
  let t: TestDb;
  let root: string;
  beforeEach(async () => {
    t = await createTestDb(engine);
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'clocher-demo-'));
  });
  afterEach(async () => {
    await t.destroy();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('illustre huit actualités de la démo avec des images de la médiathèque et leur texte alternatif', async () => {
    const ctx = {
      db: t.db,
      now: () => new Date(),
      log: pino({ level: 'silent' }),
      actor: systemActor('test'),
      files: new DiskFileStore(root),
    };
    assert.equal(await seedDemo(ctx, 'une phrase de passe de test'), true);
    const commune = await findCommuneBySlug(t.db, 'bellerive-sur-lys');
    assert.ok(commune);
    const actualites = await listActualitesForAdmin({ ...ctx, commune });
    const illustrated = actualites.filter((a) => a.imageUrl);
    assert.equal(illustrated.length, 8);
    const medias = await t.db
      .selectFrom('media')
      .select(['id', 'alt', 'kind'])
      .where('commune_id', '=', commune.id)
      .execute();
    for (const a of illustrated) {
      const id = Number(/^\/medias\/(\d+)\/\d+\.webp$/.exec(a.imageUrl ?? '')?.[1]);
      const media = medias.find((m) => m.id === id);
      assert.equal(media?.kind, 'image');
      assert.equal(media?.alt, a.imageAlt);
      assert.ok(a.imageAlt.length > 20);
    }
    // Published actualités keep their publication date.
    assert.ok(illustrated.every((a) => a.status !== 'publie' || a.publishAt !== null));
  });
});
