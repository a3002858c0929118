import assert from 'node:assert/strict';
import { after, before, beforeEach, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../tests/helpers/app.js';
import { describeEachEngine } from '../../../tests/helpers/db.js';
import { InjectClient } from '../../../tests/helpers/http.js';
import { linkToken } from './alertes.factories.js';

describeEachEngine('alertes : abonnement sur le site', (engine) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(engine);
  });
  after(() => t.close());
  beforeEach(async () => {
    await t.db.deleteFrom('alerte_jeton').execute();
    await t.db.deleteFrom('alerte_abonne').execute();
    await t.db.deleteFrom('mail_outbox').execute();
  });

  const lastMailTo = async (email: string) =>
    (
      await t.db
        .selectFrom('mail_outbox')
        .select('text_body')
        .where('to_address', '=', email)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
    ).text_body;
  const status = async (email: string) =>
    (await t.db.selectFrom('alerte_abonne').select('status').where('email', '=', email).executeTakeFirst())?.status;
  const subscribe = async (email: string) => {
    const client = new InjectClient(t.app);
    await client.get('/alertes/abonnement');
    return client.post('/alertes/abonnement', { email });
  };

  it('présente un formulaire avec son consentement, le seul à poser le cookie anti-contrefaçon', async () => {
    const res = await new InjectClient(t.app).get('/alertes/abonnement');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<form method="post" action="\/alertes\/abonnement"/);
    assert.match(res.body, /name="_csrf"/);
    assert.match(res.body, /Votre adresse sert uniquement à vous envoyer les alertes/);
    assert.match(res.body, /conservée tant que vous restez abonné/);
    assert.ok(res.headers['set-cookie'], 'a page with a form sets the CSRF cookie');
    assert.equal(res.headers['cache-control'], 'no-store');
  });

  it('refuse une adresse absente ou invalide avec le message à côté du champ et garde la saisie', async () => {
    const client = new InjectClient(t.app);
    await client.get('/alertes/abonnement');
    const empty = await client.post('/alertes/abonnement', { email: '' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Le formulaire contient une erreur/);
    assert.match(empty.body, /id="erreur-email"[^>]*>.*L’adresse électronique est obligatoire/s);
    const bad = await client.post('/alertes/abonnement', { email: 'pas-une-adresse"><script>' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /L’adresse électronique n’est pas valide/);
    assert.match(bad.body, /value="pas-une-adresse&quot;>&lt;script>"/);
    assert.equal((await t.db.selectFrom('alerte_abonne').select('id').execute()).length, 0);
  });

  it('refuse un envoi sans jeton anti-contrefaçon', async () => {
    const client = new InjectClient(t.app);
    const res = await client.post('/alertes/abonnement', { email: 'x@exemple.fr', _csrf: null });
    assert.equal(res.statusCode, 403);
  });

  it('répond pareil pour une adresse inconnue, en attente ou déjà abonnée', async () => {
    const first = await subscribe('nouvelle@exemple.fr');
    const pending = await subscribe('nouvelle@exemple.fr');
    await t.db
      .updateTable('alerte_abonne')
      .set({ status: 'confirme' })
      .where('email', '=', 'nouvelle@exemple.fr')
      .execute();
    const confirmed = await subscribe('nouvelle@exemple.fr');
    const other = await subscribe('autre@exemple.fr');
    for (const res of [first, pending, confirmed, other]) {
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, '/alertes/abonnement?envoye=1');
      assert.equal(res.body, first.body);
    }
    const page = await new InjectClient(t.app).get('/alertes/abonnement?envoye=1');
    assert.match(page.body, /Si cette adresse peut recevoir nos alertes, un courriel vient de lui être envoyé/);
  });

  it('confirme par un bouton : ouvrir le lien ne confirme rien, le bouton confirme une seule fois', async () => {
    await subscribe('robin@exemple.fr');
    const token = linkToken(await lastMailTo('robin@exemple.fr'), 'confirmer');
    const visitor = new InjectClient(t.app);
    const page = await visitor.get(`/alertes/abonnement/confirmer/${token}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Confirmer mon abonnement/);
    assert.match(page.body, /robin@exemple\.fr/);
    assert.equal(await status('robin@exemple.fr'), 'en_attente', 'a GET confirms nothing');
    const done = await visitor.post(`/alertes/abonnement/confirmer/${token}`, {});
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/alertes/abonnement/confirme');
    assert.equal(await status('robin@exemple.fr'), 'confirme');
    assert.match((await visitor.get('/alertes/abonnement/confirme')).body, /Votre abonnement est confirmé/);
    assert.equal((await visitor.get(`/alertes/abonnement/confirmer/${token}`)).statusCode, 404);
    const reused = await visitor.post(`/alertes/abonnement/confirmer/${token}`, {});
    assert.equal(reused.statusCode, 404);
    assert.match(reused.body, /Ce lien n’est plus valable/);
  });

  it('répond 404 à un lien inconnu ou mal formé', async () => {
    const visitor = new InjectClient(t.app);
    await visitor.get('/alertes/abonnement');
    for (const token of ['A'.repeat(43), 'court', '%3Cscript%3E', 'x'.repeat(150)]) {
      assert.equal((await visitor.get(`/alertes/abonnement/confirmer/${token}`)).statusCode, 404, token);
      assert.equal((await visitor.get(`/alertes/desabonnement/${token}`)).statusCode, 404, token);
      assert.equal((await visitor.post(`/alertes/abonnement/confirmer/${token}`, {})).statusCode, 404, token);
      assert.equal((await visitor.post(`/alertes/desabonnement/${token}`, {})).statusCode, 404, token);
    }
  });

  it('désabonne par le bouton de la page du lien', async () => {
    await subscribe('cleo@exemple.fr');
    const token = linkToken(await lastMailTo('cleo@exemple.fr'), 'desabonnement');
    const visitor = new InjectClient(t.app);
    const page = await visitor.get(`/alertes/desabonnement/${token}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Me désabonner/);
    assert.equal(await status('cleo@exemple.fr'), 'en_attente', 'a GET unsubscribes nobody');
    const done = await visitor.post(`/alertes/desabonnement/${token}`, {});
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/alertes/abonnement/desabonne');
    assert.equal(await status('cleo@exemple.fr'), undefined);
    assert.equal((await visitor.get(`/alertes/desabonnement/${token}`)).statusCode, 404);
  });

  it('désabonne en un clic depuis la messagerie, sans cookie ni jeton de formulaire (RFC 8058)', async () => {
    await subscribe('one@exemple.fr');
    const token = linkToken(await lastMailTo('one@exemple.fr'), 'desabonnement');
    const res = await t.app.inject({
      method: 'POST',
      url: `/alertes/desabonnement/${token}`,
      headers: { host: 'localhost', 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    assert.equal(res.statusCode, 303);
    assert.equal(await status('one@exemple.fr'), undefined);
    // Other forms still need their token.
    await subscribe('two@exemple.fr');
    const confirm = linkToken(await lastMailTo('two@exemple.fr'), 'confirmer');
    const forged = await t.app.inject({
      method: 'POST',
      url: `/alertes/abonnement/confirmer/${confirm}`,
      headers: { host: 'localhost', 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    assert.equal(forged.statusCode, 403);
    assert.equal(await status('two@exemple.fr'), 'en_attente');
  });
});
