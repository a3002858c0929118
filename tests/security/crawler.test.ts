import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance, RouteOptions } from 'fastify';
import pino from 'pino';
import { buildApp, MODULES } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createUser, grantRole } from '../../src/core/auth/index.js';
import { systemClock } from '../../src/core/clock.js';
import { systemActor } from '../../src/core/context.js';
import { DiskFileStore } from '../../src/core/files/index.js';
import type { ClocherModule } from '../../src/core/module.js';
import { CommuneResolver, registerCommune } from '../../src/core/tenancy/index.js';
import { seedDemo } from '../../src/demo/demo.js';
import { createTestDb, type TestDb } from '../helpers/db.js';
import { InjectClient } from '../helpers/http.js';

// Tenant isolation, proven on every back-office route: commune B is the demo commune with all its
// objects; commune A is new and empty. An administrator of A asks every A route that takes an
// identifier with B's identifiers, in GET and in POST (with a valid anti-forgery token): every
// answer must be 403 or 404, and no page may show B's data.

const PASSWORD = 'une phrase pour la commune A';
const HOST_A = 'commune-a.test';

/** A multipart form (file upload routes): the anti-forgery token goes in the query string. */
async function postMultipart(app: FastifyInstance, client: InjectClient, url: string, value: string) {
  const boundary = '----clocher-crawler';
  const body = [
    `--${boundary}`,
    'Content-Disposition: form-data; name="id"',
    '',
    value,
    `--${boundary}`,
    'Content-Disposition: form-data; name="fichier"; filename="a.pdf"',
    'Content-Type: application/pdf',
    '',
    '%PDF-1.4 test',
    `--${boundary}--`,
    '',
  ].join('\r\n');
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return app.inject({
    method: 'POST',
    url: `${url}?_csrf=${encodeURIComponent(client.csrf ?? '')}`,
    payload: body,
    headers: { host: HOST_A, cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
}

describe('isolation des communes sur toutes les routes de l’administration', () => {
  let db: TestDb;
  let app: FastifyInstance;
  let dataDir: string;
  const routes: { method: string; url: string; multipart: boolean }[] = [];

  before(async () => {
    db = await createTestDb('sqlite');
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clocher-crawler-'));
    const ctx = { db: db.db, now: systemClock, log: pino({ level: 'silent' }), actor: systemActor('test') };
    await seedDemo(ctx, 'mot-de-passe-de-test');
    const b = await db.db.selectFrom('commune').select(['info', 'theme']).executeTakeFirstOrThrow();
    const communeA = await registerCommune(ctx, {
      insee: '35001',
      nom: 'Commune A',
      slug: 'commune-a',
      population: 300,
      departement: '35',
      siren: null,
      siret: null,
      epci: null,
      info: JSON.parse(b.info),
      theme: JSON.parse(b.theme),
      isDemo: false,
      hosts: [HOST_A],
    });
    const userId = await createUser(ctx, { email: 'admin@commune-a.test', displayName: 'Admin A', password: PASSWORD });
    await grantRole({ ...ctx, commune: communeA }, userId, 'administrateur');
    // Every route, as Fastify registers it.
    const collect: ClocherModule = {
      name: 'route-collector',
      routes: async (instance) => {
        instance.addHook('onRoute', (r: RouteOptions) => {
          const multipart = (r.config as { multipartForm?: boolean } | undefined)?.multipartForm === true;
          for (const method of [r.method].flat()) routes.push({ method, url: r.url, multipart });
        });
      },
    };
    app = await buildApp({
      config: loadConfig({ CLOCHER_DATA_DIR: dataDir, CLOCHER_PORT: '0', CLOCHER_LOG_LEVEL: 'silent' }, dataDir),
      db: db.db,
      now: systemClock,
      resolver: new CommuneResolver(db.db, undefined),
      files: new DiskFileStore(path.join(dataDir, 'files')),
      secret: 'x'.repeat(48),
      modules: [collect, ...MODULES],
    });
  });
  after(async () => {
    await app?.close();
    await db?.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** Identifiers of commune B's rows, from every table that has a commune: a few per table. */
  async function identifiersOfB(): Promise<{ ids: string[]; slugs: string[]; references: string[] }> {
    const b = await db.db
      .selectFrom('commune')
      .select('id')
      .where('slug', '=', 'bellerive-sur-lys')
      .executeTakeFirstOrThrow();
    const ids = new Set<string>();
    const slugs = new Set<string>();
    const references = new Set<string>();
    for (const table of await db.db.introspection.getTables()) {
      const columns = table.columns.map((c) => c.name);
      if (!columns.includes('commune_id')) continue;
      const wanted = ['id', 'slug', 'reference'].filter((c) => columns.includes(c));
      if (wanted.length === 0) continue;
      // biome-ignore lint/suspicious/noExplicitAny: every tenant table, whatever its type
      const rows = await (db.db as any)
        .selectFrom(table.name)
        .select(wanted)
        .where('commune_id', '=', b.id)
        .orderBy(wanted[0])
        .execute();
      for (const r of rows as Record<string, unknown>[]) {
        if (r.id != null) ids.add(String(r.id));
        if (typeof r.slug === 'string') slugs.add(r.slug);
        if (typeof r.reference === 'string') references.add(r.reference);
      }
    }
    // A spread of 25 identifiers, from the smallest to the largest, and a few slugs and references.
    const sorted = [...ids].map(Number).sort((x, y) => x - y);
    const step = Math.max(1, Math.floor(sorted.length / 25));
    const sample = sorted.filter((_, i) => i % step === 0).concat(sorted.at(-1) ?? []);
    return {
      ids: [...new Set(sample.map(String))],
      slugs: [...slugs].slice(0, 8),
      references: [...references].slice(0, 4),
    };
  }

  it('répond 403 ou 404 à chaque identifiant de la commune B, en GET comme en POST', async () => {
    const { ids, slugs, references } = await identifiersOfB();
    assert.ok(ids.length >= 20, `commune B has objects (${ids.length} ids)`);
    const admin = new InjectClient(app, HOST_A);
    assert.equal((await admin.signIn('admin@commune-a.test', PASSWORD)).statusCode, 303);
    await admin.get('/admin');
    const withParams = routes.filter(
      (r) => /^\/(admin|plateforme)\//.test(r.url) && /:[A-Za-z]/.test(r.url) && ['GET', 'POST'].includes(r.method),
    );
    const problems: string[] = [];
    let requests = 0;
    for (const route of withParams) {
      const params = [...route.url.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1] ?? '');
      // A token in the URL is its own credential (invitation, reset): not an object of B.
      if (params.some((p) => /token|jeton/i.test(p))) continue;
      const values = params.some((p) => /slug/i.test(p))
        ? slugs
        : params.some((p) => /reference/i.test(p))
          ? references
          : ids;
      for (const value of values) {
        // Identifier-like parameters take B's value; others a well-formed value (an ISO week, a date).
        const url = route.url.replace(/:([A-Za-z_]+)/g, (_, name: string) =>
          /semaine|week/i.test(name) ? '2026-W48' : /date|jour/i.test(name) ? '2026-11-30' : encodeURIComponent(value),
        );
        let res =
          route.method === 'GET'
            ? await admin.get(url)
            : route.multipart
              ? await postMultipart(app, admin, url, value)
              : await admin.post(url, { id: value });
        // A redirect inside the site (e.g. to the current week) is followed: its target must refuse too.
        if (res.statusCode === 303 && String(res.headers.location).startsWith('/admin/')) {
          res = await admin.get(String(res.headers.location));
        }
        requests++;
        if (![403, 404].includes(res.statusCode)) problems.push(`${route.method} ${url} → ${res.statusCode}`);
        if (/Bellerive/.test(res.body)) problems.push(`${route.method} ${url} shows commune B`);
      }
    }
    assert.ok(withParams.length > 20, `routes found: ${withParams.length}`);
    assert.ok(requests > 500, `requests made: ${requests}`);
    assert.deepEqual(problems, []);
  });
});
