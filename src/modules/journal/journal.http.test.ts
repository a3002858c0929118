import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { buildTestApp, TEST_ACCOUNTS, TEST_PASSWORD, type TestApp } from '../../../tests/helpers/app.js';
import { describeEachEngine } from '../../../tests/helpers/db.js';
import { InjectClient } from '../../../tests/helpers/http.js';

describeEachEngine('journal de la commune', (engine) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(engine);
  });
  after(() => t.close());

  it('montre les connexions, réussies ou non, avec la personne et l’adresse IP', async () => {
    const intrus = new InjectClient(t.app);
    await intrus.signIn(TEST_ACCOUNTS.secretaire, 'pas le bon mot de passe');
    const admin = new InjectClient(t.app);
    await admin.signIn(TEST_ACCOUNTS.administrateur, TEST_PASSWORD);
    const page = await admin.get('/admin/journal');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<td>Échec de connexion<br/);
    assert.match(page.body, /Connexion<br\/><code class="muted small">auth.signed_in<\/code>/);
    assert.match(page.body, /Alain Martin/);
    assert.match(page.body, /127\.0\.0\.1/);
    const failures = await admin.get('/admin/journal?action=auth.sign_in_failed');
    assert.match(failures.body, />1 événement ·/);
    const byActor = await admin.get('/admin/journal?acteur=alain');
    assert.doesNotMatch(byActor.body, /<td>Échec de connexion<br/);
    assert.match(byActor.body, /<td>Connexion<br/);
    const future = await admin.get('/admin/journal?du=2999-01-01');
    assert.match(future.body, /Aucun événement/);
    const bad = await admin.get('/admin/journal?du=hier&action=%3Cscript%3E');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Saisissez une date/);
  });

  it('pagine par 50 événements', async () => {
    await t.db.transaction().execute(async (trx) => {
      const { appendAuditEvent } = await import('../../core/audit/index.js');
      const commune = await trx.selectFrom('commune').select('id').executeTakeFirstOrThrow();
      for (let i = 0; i < 60; i++) {
        await appendAuditEvent(trx, {
          communeId: commune.id,
          occurredAt: new Date(),
          action: 'test.page',
          objectType: 'test_objet',
          objectId: i,
        });
      }
    });
    const admin = new InjectClient(t.app);
    await admin.signIn(TEST_ACCOUNTS.administrateur, TEST_PASSWORD);
    const first = await admin.get('/admin/journal?action=test.page');
    assert.match(first.body, /60 événements/);
    assert.match(first.body, /Page 1 sur 2/);
    assert.equal((first.body.match(/<tr>/g) ?? []).length, 51);
    const second = await admin.get('/admin/journal?action=test.page&page=2');
    assert.equal((second.body.match(/<tr>/g) ?? []).length, 11);
    const object = await admin.get('/admin/journal?objet=test_objet&numero=7');
    assert.match(object.body, />1 événement ·/, /<p>(\d+ événements?|Aucun événement)/.exec(object.body)?.[0]);
  });

  it('exporte en CSV après confirmation récente, et l’export est lui-même tracé', async () => {
    const admin = new InjectClient(t.app);
    await admin.signIn(TEST_ACCOUNTS.administrateur, TEST_PASSWORD);
    const csv = await admin.get('/admin/journal/export.csv?action=auth.');
    assert.equal(csv.statusCode, 200);
    const rows = parse(csv.body, { columns: true, bom: true, delimiter: ';' }) as Record<string, string>[];
    assert.ok(rows.length >= 3);
    assert.ok(rows.every((r) => r.action?.startsWith('auth.')));
    assert.ok(rows.some((r) => r.libelle === 'Échec de connexion' && r.adresse_ip === '127.0.0.1'));
    await t.db
      .updateTable('user_session')
      .set({ created_at: new Date(Date.now() - 3600_000).toISOString() })
      .execute();
    const asked = await admin.get('/admin/journal/export.csv');
    assert.equal(asked.statusCode, 303);
    assert.match(asked.headers.location as string, /^\/admin\/reauthentification/);
    const exports = await t.db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'export.journal')
      .execute();
    assert.equal(exports.length, 1);
    assert.equal(JSON.parse(exports[0]?.details ?? '{}').rows, rows.length);
  });

  it('est réservé aux administrateurs', async () => {
    const secretaire = new InjectClient(t.app);
    await secretaire.signIn(TEST_ACCOUNTS.secretaire, TEST_PASSWORD);
    assert.equal((await secretaire.get('/admin/journal')).statusCode, 403);
    assert.equal((await secretaire.get('/admin/journal/export.csv')).statusCode, 403);
    assert.equal((await new InjectClient(t.app).get('/admin/journal')).statusCode, 303);
  });
});
