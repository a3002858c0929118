import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clocher-cli-wp-'));
const fixtures = path.join(root, 'tests/fixtures/wordpress');

function clocher(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', CLOCHER_DATA_DIR: dataDir },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('la commande clocher import wordpress', () => {
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('importe un export avec son dossier uploads, puis ne change rien avec le zip, et refuse les erreurs en une ligne', () => {
    const add = clocher('commune', 'add', '35238', '--slug', 'rennes');
    assert.equal(add.status, 0, add.stderr);
    const xml = path.join(fixtures, 'export.xml');
    const first = clocher(
      'import',
      'wordpress',
      xml,
      '--commune',
      'rennes',
      '--uploads',
      path.join(fixtures, 'uploads'),
    );
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /Posts \(actualites\): 3 created, 0 updated, 0 unchanged/);
    assert.match(first.stdout, /Pages: 3 created, 0 updated, 0 unchanged/);
    assert.match(first.stdout, /Files: 3 created, 0 updated, 0 unchanged/);
    assert.match(first.stdout, /problem: missing file: 2024\/11\/plan-perdu\.jpg/);
    const again = clocher(
      'import',
      'wordpress',
      xml,
      '--commune',
      'rennes',
      '--uploads',
      path.join(fixtures, 'uploads.zip'),
    );
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, /Posts \(actualites\): 0 created, 0 updated, 3 unchanged/);
    assert.match(again.stdout, /Files: 0 created, 0 updated, 3 unchanged/);

    const unknown = clocher('import', 'wordpress', xml, '--commune', 'nulle-part');
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /^clocher: no commune "nulle-part"/);
    const notWxr = clocher('import', 'wordpress', path.join(root, 'package.json'), '--commune', 'rennes');
    assert.equal(notWxr.status, 1);
    assert.match(notWxr.stderr, /is not a WordPress export/);
    const missing = clocher('import', 'wordpress', path.join(fixtures, 'absent.xml'), '--commune', 'rennes');
    assert.equal(missing.status, 1);
    assert.equal(missing.stderr.trim().split('\n').length, 1);
  });
});
