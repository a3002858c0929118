// `npm run bench:backup`: one commune with 100,000 requests (demandes) and 1 GB of files, on
// SQLite in a scratch data dir. The files are random bytes, hence incompressible: the worst case
// for the gzip step (real PDFs and photos are already compressed, so hardly better). Then runs
// the real command `clocher backup` in a child process under /usr/bin/time and reports its
// duration and peak memory (maximum resident set size), against the targets < 2 min and < 300 MB.
// Then verifies the backup (`clocher backup verify`) and deletes every generated file.
//
//   npm run bench:backup -- [--requests 100000] [--megabytes 1024] [--keep]
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createKeyPair } from '../src/core/backup/index.js';
import { DiskFileStore } from '../src/core/files/index.js';
import { createDb } from '../src/db/database.js';
import { ensureBuiltinTypes, getType } from '../src/modules/demarches/demarches.service.js';
import { benchCommune, insertDemandes } from './fixtures.js';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '100000' },
    megabytes: { type: 'string', default: '1024' },
    keep: { type: 'boolean', default: false },
  },
});
const REQUESTS = Number(values.requests);
const MEGABYTES = Number(values.megabytes);
const PASSPHRASE = 'bench passphrase, long enough';

const root = fs.mkdtempSync(path.join(process.env.CLOCHER_BENCH_DIR ?? os.tmpdir(), 'clocher-bench-backup-'));
const dataDir = path.join(root, 'data');
const env = {
  ...process.env,
  CLOCHER_DATA_DIR: dataDir,
  CLOCHER_DEMO: 'false',
  CLOCHER_DATABASE_URL: '',
  CLOCHER_BACKUP_PRIVATE_KEY: path.join(root, 'backup-private.pem'),
  CLOCHER_BACKUP_S3_BUCKET: '',
  CLOCHER_LOG_LEVEL: 'warn',
};

async function seed(): Promise<void> {
  const db = createDb({ engine: 'sqlite', filename: path.join(dataDir, 'clocher.sqlite') });
  const now = new Date();
  try {
    const ctx = await benchCommune(db, now);
    const { commune } = ctx;
    await ensureBuiltinTypes(ctx);
    const type = await getType(ctx, 'contact');
    const seconds = await insertDemandes(
      db,
      { communeId: commune.id, typeId: type.id, revisionId: type.revisionId },
      REQUESTS,
      now,
      (i) => ({
        answers: JSON.stringify({ objet: 'Horaires', question: `Question numéro ${i} sur les horaires de la mairie.` }),
      }),
    );
    console.log(`seeded ${REQUESTS} demandes in ${seconds.toFixed(1)} s`);
    const store = new DiskFileStore(path.join(dataDir, 'files'));
    const t1 = Date.now();
    for (let i = 0; i < MEGABYTES; i++) {
      const blob = await store.put(randomBytes(1024 * 1024));
      await db
        .insertInto('stored_file')
        .values({
          commune_id: commune.id,
          sha256: blob.sha256,
          mime: 'application/octet-stream',
          size: blob.size,
          original_name: `piece-${i}.bin`,
          created_at: now.toISOString(),
          created_by: null,
        })
        .execute();
    }
    console.log(
      `wrote ${MEGABYTES} files of 1 MiB (random, incompressible) in ${((Date.now() - t1) / 1000).toFixed(1)} s`,
    );
  } finally {
    await db.destroy();
  }
}

/** Runs a clocher command under /usr/bin/time -v; returns seconds and peak RSS in MB. */
function timed(args: string[]): { seconds: number; cpuSeconds: number; peakMb: number; out: string } {
  const r = spawnSync(
    '/usr/bin/time',
    ['-v', process.execPath, '--import', 'tsx', path.resolve('src/cli/main.ts'), ...args],
    { env, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`clocher ${args.join(' ')} failed: ${r.stdout}${r.stderr}`);
  const peakKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? 0);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(r.stderr);
  const seconds = wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : Number.NaN;
  const cpu = (label: string) => Number(new RegExp(`${label} time \\(seconds\\): ([\\d.]+)`).exec(r.stderr)?.[1] ?? 0);
  return { seconds, cpuSeconds: cpu('User') + cpu('System'), peakMb: peakKb / 1024, out: r.stdout.trim() };
}

try {
  await seed();
  await createKeyPair(
    { publicKeyFile: path.join(dataDir, 'backup-public.pem'), privateKeyFile: env.CLOCHER_BACKUP_PRIVATE_KEY },
    PASSPHRASE,
  );
  const dbMb = fs.statSync(path.join(dataDir, 'clocher.sqlite')).size / 1048576;
  console.log(`database ${dbMb.toFixed(0)} MB, files ${MEGABYTES} MB`);
  const backup = timed(['backup']);
  console.log(backup.out);
  const size =
    fs.readdirSync(path.join(dataDir, 'backups')).map((f) => fs.statSync(path.join(dataDir, 'backups', f)).size)[0] ??
    0;
  console.log(
    `clocher backup: ${backup.seconds.toFixed(1)} s wall (target < 120 s), ${backup.cpuSeconds.toFixed(1)} s CPU, peak memory ${backup.peakMb.toFixed(0)} MB (target < 300 MB), backup ${(size / 1048576).toFixed(0)} MB`,
  );
  const verify = timed(['backup', 'verify']);
  console.log(verify.out);
  console.log(
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${os.cpus().length} CPUs`,
  );
  console.log(
    `clocher backup verify: ${verify.seconds.toFixed(1)} s wall, ${verify.cpuSeconds.toFixed(1)} s CPU, peak memory ${verify.peakMb.toFixed(0)} MB`,
  );
  const ok = backup.seconds < 120 && backup.peakMb < 300;
  console.log(ok ? 'backup within targets' : 'backup OVER target');
  process.exitCode = ok ? 0 : 1;
} finally {
  if (!values.keep) fs.rmSync(root, { recursive: true, force: true });
}
