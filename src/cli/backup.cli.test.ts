import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { startFakeS3 } from '../../tests/helpers/fake-s3.js';

// The backup commands as an operator types them (SQLite; the engines are covered by
// core/backup/backup.db.test.ts): no stack trace, one line per failure, confirmation of a restore.

const root = path.resolve(import.meta.dirname, '../..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clocher-backup-cli-'));
const dataDir = path.join(dir, 'data');
const PASSPHRASE = 'une phrase de passe assez longue';

function clocher(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      CLOCHER_DATA_DIR: dataDir,
      CLOCHER_BACKUP_PRIVATE_KEY: path.join(dir, 'cle-privee.pem'),
      ...env,
    },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same, without blocking this process (which serves the fake bucket). */
async function clocherAsync(args: string[], env: Record<string, string>) {
  const r = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', CLOCHER_DATA_DIR: dataDir, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  }).then(
    (ok) => ({ status: 0, ...ok }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
  return { status: 'code' in r ? r.code : r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('clocher backup, backup verify, restore, commune export', () => {
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('sauvegarde, vérifie, restaure après confirmation et exporte une commune', () => {
    assert.equal(clocher(['commune', 'add', '35238']).status, 0);
    const noKey = clocher(['backup']);
    assert.equal(noKey.status, 1);
    assert.match(noKey.stderr, /^clocher: no backup public key .* run `clocher backup init` first\n$/);

    const init = clocher(['backup', 'init'], { CLOCHER_BACKUP_PASSPHRASE: PASSPHRASE });
    assert.equal(init.status, 0, init.stderr);
    assert.match(init.stdout, /Keep a copy of the private key and of the passphrase OFF this server/);
    assert.equal(fs.statSync(path.join(dir, 'cle-privee.pem')).mode & 0o777, 0o600);
    assert.equal(clocher(['backup', 'init'], { CLOCHER_BACKUP_PASSPHRASE: PASSPHRASE }).status, 1);

    const made = clocher(['backup']);
    assert.equal(made.status, 0, made.stderr);
    const name = /Backup (clocher-\S+) written/.exec(made.stdout)?.[1] ?? assert.fail(made.stdout);

    const noPassphrase = clocher(['backup', 'verify']);
    assert.equal(noPassphrase.status, 1);
    assert.match(noPassphrase.stderr, /set CLOCHER_BACKUP_PASSPHRASE/);
    const verify = clocher(['backup', 'verify'], { CLOCHER_BACKUP_PASSPHRASE: PASSPHRASE });
    assert.equal(verify.status, 0, verify.stderr);
    assert.match(verify.stdout, new RegExp(`Backup ${name} verified: \\d+ tables, \\d+ rows, 0 files`));

    const unconfirmed = clocher(['restore', name], { CLOCHER_BACKUP_PASSPHRASE: PASSPHRASE });
    assert.equal(unconfirmed.status, 1);
    const restored = clocher(['restore', name, '--yes'], { CLOCHER_BACKUP_PASSPHRASE: PASSPHRASE });
    assert.equal(restored.status, 0, restored.stderr);
    assert.match(restored.stdout, new RegExp(`Backup ${name} restored`));
    assert.match(clocher(['commune', 'list']).stdout, /rennes\t35238/);
    const unknown = clocher(['restore', 'clocher-2001-01-01T00-00-00Z', '--yes'], {
      CLOCHER_BACKUP_PASSPHRASE: PASSPHRASE,
    });
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /No backup named/);

    const exported = clocher(['commune', 'export', 'rennes', '--to', path.join(dir, 'export'), '--zip']);
    assert.equal(exported.status, 0, exported.stderr);
    assert.match(exported.stdout, /Exported rennes: \d+ tables, \d+ rows, 0 files/);
  });

  it('copie la sauvegarde dans le compartiment S3, et dit en une ligne quand la copie échoue', async () => {
    const s3 = await startFakeS3('sauvegardes');
    try {
      const bucket = (name: string) => ({
        CLOCHER_BACKUP_S3_ENDPOINT: s3.endpoint,
        CLOCHER_BACKUP_S3_BUCKET: name,
        CLOCHER_BACKUP_S3_ACCESS_KEY_ID: 'test',
        CLOCHER_BACKUP_S3_SECRET_ACCESS_KEY: 'test-secret',
        CLOCHER_BACKUP_S3_LOCK_DAYS: '30',
      });
      const copied = await clocherAsync(['backup'], bucket('sauvegardes'));
      assert.equal(copied.status, 0, copied.stderr);
      const key = /Copied to the bucket as (\S+)\.\n/.exec(copied.stdout)?.[1] ?? assert.fail(copied.stdout);
      assert.equal(s3.objects.get(key)?.lockMode, 'COMPLIANCE');

      const failed = await clocherAsync(['backup'], bucket('absent'));
      assert.equal(failed.status, 1);
      // One line (after the SDK's own warning about the Node.js version, on Node 20).
      assert.match(
        failed.stderr,
        /(^|\n)clocher: copy to s3:\/\/absent\/ failed: The specified bucket does not exist\n$/,
      );
    } finally {
      await s3.close();
    }
  });
});
