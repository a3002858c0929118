// Creates or drops the PostgreSQL template databases of a test run: <name> (migrated) and
// <name>_demo (migrated and seeded with the demo commune, cloned by the tests that build the app).
// Usage: pg-template.ts create|drop <name>
import pg from 'pg';
import { createDb } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { PG_ADMIN_URL } from './db.js';
import { seedTestDemo } from './demo.js';

const [action, name] = process.argv.slice(2);
if (!name || !/^[a-z0-9_]+$/.test(name) || (action !== 'create' && action !== 'drop')) {
  console.error('usage: pg-template.ts create|drop <name>');
  process.exit(2);
}

async function admin(sqlText: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(sqlText);
  } finally {
    await client.end();
  }
}

try {
  if (action === 'create') {
    await admin(`drop database if exists ${name} with (force)`);
    await admin(`create database ${name}`);
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${name}`;
    const db = createDb({ engine: 'postgres', connectionString: url.toString() });
    await migrateToLatest(db);
    await db.destroy();
    await admin(`drop database if exists ${name}_demo with (force)`);
    await admin(`create database ${name}_demo template ${name}`);
    url.pathname = `/${name}_demo`;
    const demo = createDb({ engine: 'postgres', connectionString: url.toString() });
    await seedTestDemo(demo);
    await demo.destroy();
  } else {
    await admin(`drop database if exists ${name}_demo with (force)`);
    await admin(`drop database if exists ${name} with (force)`);
    // Throwaway databases left behind by an interrupted run.
    const client = new pg.Client({ connectionString: PG_ADMIN_URL });
    await client.connect();
    const { rows } = await client.query<{ datname: string }>(
      "select datname from pg_database where datname like 'clocher\\_t\\_%'",
    );
    await client.end();
    const live = new Set<string>();
    for (const { datname } of rows) {
      const pid = Number(datname.split('_')[2]);
      try {
        process.kill(pid, 0);
        live.add(datname);
      } catch {}
      if (!live.has(datname)) await admin(`drop database if exists ${datname} with (force)`);
    }
  }
} catch (error) {
  console.error(`pg-template ${action}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
