import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { systemClock } from '../../src/core/clock.js';
import { systemActor } from '../../src/core/context.js';
import { DiskFileStore } from '../../src/core/files/index.js';
import { CommuneResolver } from '../../src/core/tenancy/index.js';
import { DEMO_ACCOUNTS, seedDemo } from '../../src/demo/demo.js';
import { createTestDb, type TestDb } from '../helpers/db.js';

// Security headers on every kind of answer, as served over https (CLOCHER_PUBLIC_URL https://…):
// public page, public form, back-office page, static file, error page, feed, CSV export.

const PASSWORD = 'mot-de-passe-de-test';

function directives(res: LightMyRequestResponse): Map<string, string> {
  const csp = String(res.headers['content-security-policy'] ?? '');
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0] ?? '', d.split(/\s+/).slice(1).join(' ')] as [string, string]),
  );
}

function assertHardened(res: LightMyRequestResponse, label: string, opts: { publicPage: boolean }) {
  const csp = directives(res);
  assert.equal(csp.get('script-src'), "'self'", `${label}: scripts from this site only, never inline`);
  assert.equal(csp.get('frame-ancestors'), "'none'", `${label}: never framed`);
  assert.equal(csp.get('object-src'), "'none'", label);
  assert.equal(csp.get('default-src'), "'self'", label);
  if (opts.publicPage) assert.equal(csp.get('style-src'), "'self'", `${label}: no inline style on public pages`);
  assert.doesNotMatch(csp.get('script-src') ?? '', /unsafe/, label);
  assert.equal(res.headers['strict-transport-security'], 'max-age=31536000; includeSubDomains', label);
  assert.equal(res.headers['referrer-policy'], 'strict-origin-when-cross-origin', label);
  assert.match(String(res.headers['permissions-policy']), /camera=\(\)/, label);
  assert.equal(res.headers['x-content-type-options'], 'nosniff', label);
  assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN', label);
}

describe('en-têtes de sécurité sur chaque type de réponse (https)', () => {
  let db: TestDb;
  let app: FastifyInstance;
  let dataDir: string;
  before(async () => {
    db = await createTestDb('sqlite');
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clocher-headers-'));
    await seedDemo(
      { db: db.db, now: systemClock, log: pino({ level: 'silent' }), actor: systemActor('test') },
      PASSWORD,
    );
    app = await buildApp({
      config: loadConfig(
        {
          CLOCHER_DATA_DIR: dataDir,
          CLOCHER_PUBLIC_URL: 'https://bellerive.example',
          CLOCHER_LOG_LEVEL: 'silent',
        },
        dataDir,
      ),
      db: db.db,
      now: systemClock,
      resolver: new CommuneResolver(db.db, undefined),
      files: new DiskFileStore(path.join(dataDir, 'files')),
      secret: 'x'.repeat(48),
    });
  });
  after(async () => {
    await app?.close();
    await db?.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const get = (url: string, cookie?: string) =>
    app.inject({ method: 'GET', url, headers: { host: 'localhost', ...(cookie && { cookie }) } });

  it('page publique, formulaire public, fichier statique, erreur, flux', async () => {
    const pages: [string, number, boolean][] = [
      ['/', 200, true],
      ['/demarches', 200, true],
      ['/static/css/clocher.css', 200, true],
      ['/static/js/passkeys.js', 200, true],
      ['/static/vendor/simplewebauthn/index.umd.min.js', 200, true],
      ['/cette-page-n-existe-pas', 404, true],
      ['/actualites.xml', 200, true],
    ];
    for (const [url, status, publicPage] of pages) {
      const res = await get(url);
      assert.equal(res.statusCode, status, url);
      assertHardened(res, url, { publicPage });
    }
    const list = await get('/demarches');
    const formUrl = /href="(\/demarches\/[a-z0-9-]+)"/.exec(list.body)?.[1] ?? '';
    const publicForm = await get(formUrl);
    assert.equal(publicForm.statusCode, 200, formUrl);
    assert.match(publicForm.body, /<form method="post"/);
    assertHardened(publicForm, 'public form', { publicPage: true });
    const form = await get('/admin/connexion');
    assertHardened(form, 'sign-in form', { publicPage: false });
    const cookies = form.cookies as { name: string; secure?: boolean; path?: string; httpOnly?: boolean }[];
    assert.ok(cookies.length > 0 && cookies.every((c) => c.name.startsWith('__Host-') && c.secure && c.path === '/'));
  });

  it('page et export de l’administration, avec des cookies __Host-', async () => {
    const page = await get('/admin/connexion');
    const jar = new Map((page.cookies as { name: string; value: string }[]).map((c) => [c.name, c.value]));
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const signIn = await app.inject({
      method: 'POST',
      url: '/admin/connexion',
      payload: new URLSearchParams({
        _csrf: csrf,
        email: DEMO_ACCOUNTS[0]?.email ?? '',
        password: PASSWORD,
      }).toString(),
      headers: {
        host: 'localhost',
        'content-type': 'application/x-www-form-urlencoded',
        cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
    assert.equal(signIn.statusCode, 303);
    const session = (signIn.cookies as { name: string; value: string; secure?: boolean; httpOnly?: boolean }[]).find(
      (c) => c.name === '__Host-clocher_session',
    );
    assert.ok(session?.secure && session.httpOnly, 'the session cookie is __Host-, Secure, HttpOnly');
    const cookie = `__Host-clocher_session=${session.value}`;
    for (const url of ['/admin', '/admin/journal', '/admin/compte', '/admin/demandes/export.csv']) {
      const res = await get(url, cookie);
      assert.equal(res.statusCode, 200, url);
      assertHardened(res, url, { publicPage: false });
    }
  });
});
