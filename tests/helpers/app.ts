import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { systemClock } from '../../src/core/clock.js';
import { DiskFileStore } from '../../src/core/files/index.js';
import type { PageCache } from '../../src/core/http/page-cache.js';
import { CommuneResolver } from '../../src/core/tenancy/index.js';
import type { Database } from '../../src/db/database.js';
import type { Engine } from '../../src/db/dialect.js';
import { DEMO_ACCOUNTS } from '../../src/demo/demo.js';
import { createTestDb } from './db.js';

/**
 * The application as server.ts builds it, on a test database seeded with the demo commune
 * (Bellerive-sur-Lys and one account per role, all with TEST_PASSWORD).
 */

export { TEST_PASSWORD } from './demo.js';

/** The demo accounts' addresses, by role (`operateur` is the platform operator). */
export const TEST_ACCOUNTS = Object.fromEntries(DEMO_ACCOUNTS.map((a) => [a.role, a.email])) as Record<
  (typeof DEMO_ACCOUNTS)[number]['role'],
  string
>;

export interface TestApp {
  app: FastifyInstance;
  db: Database;
  engine: Engine;
  /** The temporary data dir (uploaded files), removed by close(). */
  dataDir: string;
  close(): Promise<void>;
}

export interface TestServer extends TestApp {
  /** Origin of the listening server, e.g. http://127.0.0.1:39211 (no trailing slash). */
  url: string;
}

export interface TestAppOptions {
  /** The page cache to use (default: the one buildApp makes from the config). */
  pageCache?: (db: Database) => PageCache;
  /** More CLOCHER_* settings for the config (e.g. CLOCHER_UPDATE_FEED). */
  env?: Record<string, string>;
}

/** Builds the app for `app.inject()` tests: nothing listens. */
export async function buildTestApp(engine: Engine, options: TestAppOptions = {}): Promise<TestApp> {
  const testDb = await createTestDb(engine, { demo: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clocher-test-'));
  let app: FastifyInstance | undefined;
  const close = async () => {
    try {
      await app?.close();
    } finally {
      try {
        await testDb.destroy();
      } finally {
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
    }
  };
  try {
    const config = loadConfig(
      { CLOCHER_DATA_DIR: dataDir, CLOCHER_PORT: '0', CLOCHER_LOG_LEVEL: 'silent', ...options.env },
      dataDir,
    );
    app = await buildApp({
      config,
      db: testDb.db,
      now: systemClock,
      resolver: new CommuneResolver(testDb.db, undefined),
      files: new DiskFileStore(path.join(dataDir, 'files')),
      secret: 'x'.repeat(48),
      ...(options.pageCache && { pageCache: options.pageCache(testDb.db) }),
    });
  } catch (error) {
    await close();
    throw error;
  }
  return { app, db: testDb.db, engine, dataDir, close };
}

/** Builds the app and listens on 127.0.0.1, on a free port. */
export async function startTestServer(engine: Engine, options: TestAppOptions = {}): Promise<TestServer> {
  const built = await buildTestApp(engine, options);
  try {
    await built.app.listen({ host: '127.0.0.1', port: 0 });
  } catch (error) {
    await built.close();
    throw error;
  }
  const address = built.app.server.address();
  if (address === null || typeof address === 'string') {
    await built.close();
    throw new Error(`unexpected server address: ${String(address)}`);
  }
  return { ...built, url: `http://127.0.0.1:${address.port}` };
}
