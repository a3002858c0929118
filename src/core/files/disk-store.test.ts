import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { sha256Hex } from '../crypto.js';
import { isAppError } from '../errors.js';
import { DiskFileStore } from './disk-store.js';

describe('DiskFileStore', () => {
  let root: string;
  let store: DiskFileStore;
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'clocher-files-'));
    store = new DiskFileStore(root);
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  const bytes = Buffer.from('Procès-verbal du conseil municipal du 1er décembre 2026');
  const sha = sha256Hex(bytes);

  it('range le fichier sous <racine>/<aa>/<bb>/<sha256>', async () => {
    assert.deepEqual(await store.put(bytes), { sha256: sha, size: bytes.length });
    const file = path.join(root, sha.slice(0, 2), sha.slice(2, 4), sha);
    assert.deepEqual(await fs.readFile(file), bytes);
    assert.equal(store.pathOf(sha), file);
  });

  it('relit le contenu, en entier ou en flux', async () => {
    await store.put(bytes);
    assert.deepEqual(await store.get(sha), bytes);
    assert.equal(await text(store.stream(sha)), bytes.toString());
    assert.equal(await store.has(sha), true);
  });

  it('est idempotent pour un même contenu', async () => {
    await store.put(bytes);
    const again = await Promise.all([store.put(bytes), store.put(Buffer.from(bytes))]);
    assert.deepEqual(again, [
      { sha256: sha, size: bytes.length },
      { sha256: sha, size: bytes.length },
    ]);
    assert.deepEqual(await fs.readdir(path.join(root, sha.slice(0, 2), sha.slice(2, 4))), [sha]);
  });

  it('écrit plusieurs contenus en parallèle sans laisser de fichier temporaire', async () => {
    const many = Array.from({ length: 20 }, (_, i) => Buffer.from(`pièce jointe n° ${i}`));
    const blobs = await Promise.all(many.map((b) => store.put(b)));
    for (const [i, blob] of blobs.entries()) assert.deepEqual(await store.get(blob.sha256), many[i]);
    assert.deepEqual(await fs.readdir(path.join(root, '.tmp')), []);
  });

  it('répond NotFound pour un fichier absent', async () => {
    assert.equal(await store.has(sha), false);
    await assert.rejects(store.get(sha), (e) => isAppError(e, 'NotFound'));
    await assert.rejects(text(store.stream(sha)), /ENOENT/);
  });

  it('n’accepte comme clé qu’un SHA-256 : pas de chemin détourné', async () => {
    await fs.writeFile(path.join(root, 'secret'), 'x');
    for (const key of ['../secret', '../../etc/passwd', sha.toUpperCase(), `${sha}0`, '']) {
      assert.equal(await store.has(key), false, key);
      await assert.rejects(store.get(key), (e) => isAppError(e, 'NotFound'));
      await assert.rejects(text(store.stream(key)), (e) => isAppError(e, 'NotFound'));
      await store.delete(key);
    }
    assert.equal(await fs.readFile(path.join(root, 'secret'), 'utf8'), 'x');
  });

  it('supprime un fichier, sans erreur s’il est déjà absent', async () => {
    await store.put(bytes);
    await store.delete(sha);
    assert.equal(await store.has(sha), false);
    await store.delete(sha);
  });

  it('ne laisse ni fichier partiel ni temporaire quand l’écriture échoue', async () => {
    // A directory squatting the target's place makes the final rename fail.
    await fs.mkdir(store.pathOf(sha), { recursive: true });
    await fs.writeFile(path.join(store.pathOf(sha), 'x'), 'x');
    await assert.rejects(store.put(bytes));
    assert.deepEqual(await fs.readdir(path.join(root, '.tmp')), []);
  });
});
