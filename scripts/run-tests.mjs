#!/usr/bin/env node
// Finds every test file under src/ and tests/, compiles the server to dist/ (for the tests that
// start it as `npm start` does), prepares a migrated PostgreSQL template database, and runs them
// all with node's test runner. Fails when it finds no test file.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const ci = process.env.CI === 'true';
const filter = process.argv.slice(2);

function walk(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : walk(p);
    return /\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

let files = [...walk(path.join(root, 'src')), ...walk(path.join(root, 'tests'))].map((f) => path.relative(root, f));
if (filter.length > 0) files = files.filter((f) => filter.some((pattern) => f.includes(pattern)));
if (files.length === 0) {
  console.error('run-tests: no test file found');
  process.exit(1);
}

function loud(message) {
  const bar = '!'.repeat(Math.min(100, message.length + 4));
  console.error(`\n${bar}\n! ${message}\n${bar}\n`);
}

const env = { ...process.env };
const tsx = ['--import', 'tsx'];

// The tests that start the real server run it as `npm start` does: compiled to dist/.
const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) {
  console.error('run-tests: the server does not compile (node scripts/build.mjs)');
  process.exit(1);
}

// PostgreSQL: one migrated template per run, and one with the demo commune; each test clones one.
const template = `clocher_tpl_${process.pid}`;
const setup = spawnSync(process.execPath, [...tsx, 'tests/helpers/pg-template.ts', 'create', template], {
  cwd: root,
  env,
  stdio: ['ignore', 'inherit', 'inherit'],
});
if (setup.status === 0) {
  env.CLOCHER_TEST_PG_TEMPLATE = template;
  env.CLOCHER_TEST_PG_TEMPLATE_DEMO = `${template}_demo`;
} else if (ci) {
  console.error(
    'run-tests: PostgreSQL is required in CI but does not answer at 127.0.0.1:5432.\n' +
      'Start it with `pg_ctlcluster --skip-systemctl-redirect 15 main start` (Debian package postgresql).',
  );
  process.exit(1);
} else {
  loud('PostgreSQL is not reachable at 127.0.0.1:5432: its tests are SKIPPED (they run in CI).');
}

if (!fs.existsSync(process.env.CLOCHER_CHROMIUM ?? '/usr/bin/chromium')) {
  if (ci) {
    console.error(
      'run-tests: chromium is required in CI. Install it with `apt-get install -y --no-install-recommends chromium`.',
    );
    process.exit(1);
  }
  loud('chromium is not installed (/usr/bin/chromium): browser tests are SKIPPED (they run in CI).');
  env.CLOCHER_TEST_NO_BROWSER = '1';
}

const run = spawnSync(process.execPath, [...tsx, '--test', '--test-concurrency=2', '--test-reporter=spec', ...files], {
  cwd: root,
  env,
  stdio: 'inherit',
});

if (env.CLOCHER_TEST_PG_TEMPLATE) {
  spawnSync(process.execPath, [...tsx, 'tests/helpers/pg-template.ts', 'drop', template], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
}
process.exit(run.status ?? 1);
