import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { buildTestApp, TEST_ACCOUNTS, TEST_PASSWORD, type TestApp } from '../../../tests/helpers/app.js';
import { describeEachEngine } from '../../../tests/helpers/db.js';
import { InjectClient } from '../../../tests/helpers/http.js';
import { MAX_ATTEMPTS } from '../../core/mail/index.js';
import { enqueueMail } from '../../core/mail/outbox.js';
import { makeCommune } from '../demarches/demarches.factories.js';

describeEachEngine('courriels de la commune : envoyés, en échec, relance', (engine) => {
  let t: TestApp;
  const ids: Record<string, number> = {};
  before(async () => {
    t = await buildTestApp(engine);
    const demo = await t.db.selectFrom('commune').select('id').where('is_demo', '=', 1).executeTakeFirstOrThrow();
    const other = await makeCommune(t.db, '62099', 'autre-commune', new Date());
    const now = new Date();
    const queue = (communeId: number, to: string, subject: string) =>
      t.db.transaction().execute((trx) => enqueueMail(trx, { communeId, to, subject, text: 'Bonjour.' }, now));
    ids.sent = await queue(demo.id, 'lea.martin@exemple.fr', 'Votre demande 2026-000001 a bien été reçue');
    ids.failed = await queue(demo.id, 'paul.durand@exemple.fr', 'Demande 2026-000002 : close');
    ids.pending = await queue(demo.id, 'anne.petit@exemple.fr', 'Alerte : coupure d’eau');
    ids.other = await queue(other.id, 'secret@ailleurs.fr', 'Courriel d’une autre commune');
    await t.db
      .updateTable('mail_outbox')
      .set({ status: 'sent', attempts: 1, sent_at: now.toISOString() })
      .where('id', '=', ids.sent)
      .execute();
    await t.db
      .updateTable('mail_outbox')
      .set({ status: 'failed', attempts: MAX_ATTEMPTS, last_error: '550 5.1.1 Adresse inconnue' })
      .where('id', 'in', [ids.failed, ids.other])
      .execute();
  });
  after(() => t.close());

  it('montre les courriels de la commune seulement, avec l’erreur de celui en échec, et filtre', async () => {
    const secretaire = new InjectClient(t.app);
    await secretaire.signIn(TEST_ACCOUNTS.secretaire, TEST_PASSWORD);
    const page = await secretaire.get('/admin/courriels');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Votre demande 2026-000001 a bien été reçue/);
    assert.match(page.body, /Demande 2026-000002 : close/);
    assert.match(page.body, /Alerte : coupure d’eau/);
    assert.match(page.body, /Erreur : <code>550 5\.1\.1 Adresse inconnue<\/code>/);
    assert.match(page.body, /En échec : <strong>1<\/strong>/);
    assert.doesNotMatch(page.body, /autre commune|secret@ailleurs/);
    assert.equal((page.body.match(/\/relancer"/g) ?? []).length, 1, 'one retry button: the failed mail');

    const failed = await secretaire.get('/admin/courriels?statut=failed');
    assert.match(failed.body, /Demande 2026-000002 : close/);
    assert.doesNotMatch(failed.body, /2026-000001|coupure/);
    const search = await secretaire.get('/admin/courriels?q=LEA.MARTIN');
    assert.match(search.body, /2026-000001/);
    assert.doesNotMatch(search.body, /2026-000002/);
    assert.equal((await secretaire.get('/admin/courriels?statut=perdu')).statusCode, 400);
  });

  it('relance un courriel en échec (jeton anti-falsification exigé), et l’inscrit au journal', async () => {
    const admin = new InjectClient(t.app);
    await admin.signIn(TEST_ACCOUNTS.administrateur, TEST_PASSWORD);
    await admin.get('/admin/courriels');
    const forged = await admin.post(`/admin/courriels/${ids.failed}/relancer`, { _csrf: null });
    assert.equal(forged.statusCode, 403);
    assert.equal((await admin.post(`/admin/courriels/${ids.other}/relancer`, {})).statusCode, 404);

    const res = await admin.post(`/admin/courriels/${ids.failed}/relancer`, {});
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/admin/courriels?relance=ok');
    const row = await t.db
      .selectFrom('mail_outbox')
      .select(['status', 'attempts', 'last_error'])
      .where('id', '=', ids.failed ?? 0)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'pending');
    assert.equal(row.attempts, 0);
    const audit = await t.db
      .selectFrom('audit_event')
      .select(['action', 'object_type', 'object_id', 'actor_user_id'])
      .where('action', '=', 'courriels.relance')
      .execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.object_id, String(ids.failed));
    assert.ok(audit[0]?.actor_user_id);
    assert.match((await admin.get('/admin/courriels?relance=ok')).body, /remis en file d’envoi/);

    assert.equal((await admin.post(`/admin/courriels/${ids.failed}/relancer`, {})).statusCode, 409);
    assert.equal((await admin.post(`/admin/courriels/${ids.sent}/relancer`, {})).statusCode, 409);
    assert.equal((await admin.post('/admin/courriels/abc/relancer', {})).statusCode, 400);
  });

  it('est réservé à l’administrateur et au secrétariat', async () => {
    const agent = new InjectClient(t.app);
    await agent.signIn(TEST_ACCOUNTS.agent, TEST_PASSWORD);
    assert.equal((await agent.get('/admin/courriels')).statusCode, 403);
    assert.doesNotMatch((await agent.get('/admin')).body, /href="\/admin\/courriels"/);
    const anonymous = new InjectClient(t.app);
    assert.equal((await anonymous.get('/admin/courriels')).statusCode, 303);
  });
});
