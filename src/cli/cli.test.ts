import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { SERVER } from '../../tests/helpers/server-process.js';

const root = path.resolve(import.meta.dirname, '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clocher-cli-'));

function run(script: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', CLOCHER_DATA_DIR: dataDir, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const clocher = (...args: string[]) => run('src/cli/main.ts', args);

describe('la commande clocher', () => {
  after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('ajoute une commune et un compte, puis refuse les doublons en une ligne', () => {
    const add = clocher('commune', 'add', '35238', '--host', 'rennes.example');
    assert.equal(add.status, 0, add.stderr);
    assert.match(add.stdout, /Added Rennes \(INSEE 35238/);
    const dup = clocher('commune', 'add', '35238');
    assert.equal(dup.status, 1);
    assert.equal(dup.stderr.trim().split('\n').length, 1);
    const unknown = clocher('commune', 'add', '99999');
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /99999/);
    const user = clocher(
      'user',
      'add',
      '--email',
      'n.dupont@exemple.fr',
      '--name',
      'N D',
      '--commune',
      'rennes',
      '--role',
      'secretaire',
    );
    assert.equal(user.status, 0, user.stderr);
    assert.match(user.stdout, /Password: \S{12,}/);
    const again = clocher('user', 'add', '--email', 'N.Dupont@exemple.fr', '--name', 'N D');
    assert.equal(again.status, 1);
    assert.match(again.stderr, /existe déjà/);
    const reset = clocher('user', 'reset-password', 'n.dupont@exemple.fr', '--password', 'une longue phrase');
    assert.equal(reset.status, 0, reset.stderr);
    const list = clocher('commune', 'list');
    assert.match(list.stdout, /rennes\t35238\tRennes/);
  });

  it('refuse un rôle inconnu et une commune absente', () => {
    const role = clocher(
      'user',
      'add',
      '--email',
      'x@exemple.fr',
      '--name',
      'X',
      '--commune',
      'rennes',
      '--role',
      'chef',
    );
    assert.equal(role.status, 1);
    assert.match(role.stderr, /unknown role/);
    const commune = clocher(
      'user',
      'add',
      '--email',
      'x@exemple.fr',
      '--name',
      'X',
      '--commune',
      'nulle-part',
      '--role',
      'agent',
    );
    assert.equal(commune.status, 1);
    assert.match(commune.stderr, /no commune "nulle-part"/);
  });

  it('nomme la variable invalide et la base injoignable, sans trace technique', () => {
    const bad = run('src/cli/main.ts', ['migrate'], { CLOCHER_PORT: 'abc' });
    assert.equal(bad.status, 1);
    assert.equal(
      bad.stderr.trim(),
      'clocher: configuration error: CLOCHER_PORT must be a port number between 0 and 65535',
    );
    const down = run('src/cli/main.ts', ['migrate'], { CLOCHER_DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    assert.equal(down.status, 1);
    assert.match(down.stderr, /^clocher: cannot open the postgres database: .*ECONNREFUSED/);
    assert.doesNotMatch(down.stderr, /\n\s+at /);
    const server = run(SERVER, [], { CLOCHER_DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    assert.equal(server.status, 1);
    assert.match(server.stderr, /cannot open the postgres database/);
  });

  it('vérifie la chaîne du journal d’audit et détecte une ligne modifiée', () => {
    const ok = clocher('audit', 'verify');
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /^ok +platform$/m);
    assert.match(ok.stdout, /^ok +rennes \(35238\)$/m);
    const db = new Database(path.join(dataDir, 'clocher.sqlite'));
    db.prepare("update audit_event set action = 'user.created_fake' where seq = 1 and chain = 'platform'").run();
    db.close();
    const broken = clocher('audit', 'verify');
    assert.equal(broken.status, 1);
    assert.match(broken.stdout, /BROKEN +platform: first bad event at sequence 1/);
    assert.match(broken.stderr, /altered in 1 chain/);
  });

  it('affiche l’aide', () => {
    const help = clocher('--help');
    assert.equal(help.status, 0);
    for (const word of ['migrate', 'commune', 'user']) assert.match(help.stdout, new RegExp(word));
  });
});
