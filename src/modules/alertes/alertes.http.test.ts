import assert from 'node:assert/strict';
import { after, before, it, mock } from 'node:test';
import { buildTestApp, TEST_ACCOUNTS, TEST_PASSWORD, type TestApp } from '../../../tests/helpers/app.js';
import { describeEachEngine } from '../../../tests/helpers/db.js';
import { InjectClient } from '../../../tests/helpers/http.js';
import { dateToParisLocal } from '../../core/paris-time.js';
import { type Commune, findCommuneBySlug, registerCommune } from '../../core/tenancy/index.js';
import { alerteInput, communeCtxFor, silentLog, testActor } from './alertes.factories.js';
import { creerAlerte } from './alertes.service.js';

const BANNER = /<section aria-label="Alerte en cours"/;
const HOUR = 3_600_000;

describeEachEngine('alertes : pages publiques et administration', (engine) => {
  let t: TestApp;
  let demo: Commune;
  before(async () => {
    t = await buildTestApp(engine);
    const found = await findCommuneBySlug(t.db, 'bellerive-sur-lys');
    assert.ok(found);
    demo = found;
  });
  after(() => t.close());

  const get = (url: string, host = 'localhost') => t.app.inject({ url, headers: { host } });
  const clearAlertes = () => t.db.deleteFrom('alerte').where('commune_id', '=', demo.id).execute();

  it('montre le bandeau de l’alerte de démonstration en cours et la liste des alertes', async () => {
    const home = await get('/');
    assert.match(home.body, BANNER);
    assert.match(home.body, /Coupure d’eau rue des Écoles/);
    assert.match(home.body, /<a href="\/alertes">Toutes les alertes<\/a>/);
    const list = await get('/alertes');
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Route de Lillers barrée/);
    assert.match(list.body, /Vigilance orange orages/);
    assert.match(list.body, /<a class="button" href="\/alertes\/abonnement">Recevoir les alertes par courriel<\/a>/);
  });

  it('sert les pages de contenu sans aucun cookie', async () => {
    const [first] = await t.db.selectFrom('alerte').select('id').where('commune_id', '=', demo.id).execute();
    for (const url of ['/', '/mairie', '/alertes', `/alertes/${first?.id}`, '/alertes/abonnement/confirme']) {
      const res = await get(url);
      assert.equal(res.statusCode, 200, url);
      assert.equal(res.headers['set-cookie'], undefined, `${url} sets no cookie`);
      assert.doesNotMatch(res.body, /name="_csrf"/, `${url} holds no form`);
    }
  });

  it('répond 404 à une alerte inconnue ou à un identifiant mal formé', async () => {
    for (const id of ['999999', 'abc', '0', '-1', '1.5', '99999999999999']) {
      assert.equal((await get(`/alertes/${id}`)).statusCode, 404, id);
    }
  });

  it('n’ouvre pas l’alerte de la commune A sur le site de la commune B', async () => {
    await registerCommune(
      { db: t.db, now: () => new Date(), log: silentLog, actor: testActor },
      {
        ...{ insee: '62031', nom: 'Voisine', slug: 'voisine', population: 300, departement: '62' },
        ...{ siren: null, siret: null, epci: null, info: {}, theme: {}, isDemo: false, hosts: ['voisine.test'] },
      },
    );
    const id = await creerAlerte(
      communeCtxFor(t.db, demo, () => new Date()),
      alerteInput(new Date(), -1, 1),
    );
    assert.equal((await get(`/alertes/${id}`)).statusCode, 200);
    const other = await get(`/alertes/${id}`, 'voisine.test');
    assert.equal(other.statusCode, 404);
    assert.doesNotMatch((await get('/', 'voisine.test')).body, BANNER);
    await t.db.deleteFrom('alerte').where('id', '=', id).execute();
  });

  it('affiche puis retire le bandeau exactement au début et à la fin, cache des pages actif', async () => {
    // The injected clock; the page cache reads Date.now(), mocked to the same instant.
    let clock = Date.parse('2027-01-15T09:00:00.000Z');
    const original = t.app.deps.now;
    t.app.deps.now = () => new Date(clock);
    mock.timers.enable({ apis: ['Date'], now: clock });
    const setClock = (ms: number) => {
      clock = ms;
      mock.timers.setTime(ms);
    };
    try {
      await clearAlertes();
      const start = clock + HOUR;
      await creerAlerte(
        communeCtxFor(t.db, demo, () => new Date(clock)),
        alerteInput(new Date(clock), 1, 3, { severity: 'urgence', title: 'Route inondée' }),
      );
      const pages = ['/', '/mairie', '/alertes'];
      for (const url of pages) assert.doesNotMatch((await get(url)).body, BANNER, `${url} before the start`);
      // Pages are stored once the change has settled everywhere (a few seconds): read them again.
      setClock(clock + 60_000);
      for (const url of pages) assert.doesNotMatch((await get(url)).body, BANNER, `${url} before the start`);
      // A change that nobody announced is not seen: the pages really come from the cache.
      await t.db
        .updateTable('alerte')
        .set({ title: 'Titre changé en douce' })
        .where('commune_id', '=', demo.id)
        .execute();
      assert.doesNotMatch((await get('/alertes')).body, /Titre changé en douce/);

      setClock(start - 1);
      for (const url of pages) assert.doesNotMatch((await get(url)).body, BANNER, `${url} 1 ms before`);
      setClock(start);
      for (const url of pages) {
        const res = await get(url);
        assert.match(res.body, BANNER, `${url} at the start`);
        assert.match(res.body, /Titre changé en douce/);
      }
      setClock(start + 2 * HOUR - 1);
      assert.match((await get('/mairie')).body, BANNER);
      setClock(start + 2 * HOUR);
      for (const url of pages) assert.doesNotMatch((await get(url)).body, BANNER, `${url} at the end`);
      assert.match((await get('/alertes')).body, /Dernières alertes terminées[\s\S]*Titre changé en douce/);
    } finally {
      mock.timers.reset();
      t.app.deps.now = original;
      await clearAlertes();
    }
  });

  it('réserve l’administration des alertes au personnel de la mairie', async () => {
    assert.equal((await get('/admin/alertes')).statusCode, 303);
    const maire = new InjectClient(t.app);
    await maire.signIn(TEST_ACCOUNTS.elu, TEST_PASSWORD);
    assert.equal((await maire.get('/admin/alertes')).statusCode, 403);
    assert.equal((await maire.get('/admin/alertes/nouvelle')).statusCode, 403);
    assert.doesNotMatch((await maire.get('/admin')).body, /href="\/admin\/alertes"/);
    const agent = new InjectClient(t.app);
    await agent.signIn(TEST_ACCOUNTS.agent, TEST_PASSWORD);
    assert.equal((await agent.get('/admin/alertes')).statusCode, 200);
  });

  it('refuse une saisie invalide avec les messages et garde les valeurs saisies', async () => {
    const agent = new InjectClient(t.app);
    await agent.signIn(TEST_ACCOUNTS.secretaire, TEST_PASSWORD);
    assert.equal((await agent.get('/admin/alertes/nouvelle')).statusCode, 200);
    const res = await agent.post('/admin/alertes/nouvelle', {
      kind: 'inondation',
      severity: 'urgence',
      title: 'Crue <b>de la Lys</b>',
      body: '',
      startsAt: '2026-12-12T14:00',
      endsAt: '2026-12-12T13:00',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Le formulaire contient 3 erreurs/);
    assert.match(res.body, /Choisissez un type d’alerte dans la liste/);
    assert.match(res.body, /Le texte est obligatoire/);
    assert.match(res.body, /La fin doit être après le début/);
    assert.match(res.body, /value="Crue &lt;b>de la Lys&lt;\/b>"/);
    assert.match(res.body, /value="2026-12-12T13:00"/);
    const gap = await agent.post('/admin/alertes/nouvelle', {
      kind: 'meteo',
      severity: 'urgence',
      title: 'Tempête',
      body: 'Restez chez vous.',
      startsAt: '2027-03-28T02:30',
      endsAt: 'demain',
    });
    assert.equal(gap.statusCode, 400);
    assert.match(gap.body, /Le début n’est pas une date et une heure valides/);
    assert.match(gap.body, /value="demain"/);
  });

  it('publie, modifie, termine et supprime une alerte ; le titre reste du texte', async () => {
    await clearAlertes();
    const agent = new InjectClient(t.app);
    await agent.signIn(TEST_ACCOUNTS.agent, TEST_PASSWORD);
    await agent.get('/admin/alertes/nouvelle');
    const now = new Date();
    const created = await agent.post('/admin/alertes/nouvelle', {
      kind: 'autre',
      severity: 'urgence',
      title: '<script>alert("x")</script> Fuite de gaz',
      body: 'Évacuation de la rue.\n\nNe fumez pas.',
      startsAt: dateToParisLocal(new Date(now.getTime() - HOUR)),
      endsAt: dateToParisLocal(new Date(now.getTime() + 2 * HOUR)),
    });
    assert.equal(created.statusCode, 303);
    assert.equal(created.headers.location, '/admin/alertes?message=cree');
    const row = await t.db
      .selectFrom('alerte')
      .select('id')
      .where('commune_id', '=', demo.id)
      .executeTakeFirstOrThrow();
    for (const url of ['/', `/alertes/${row.id}`]) {
      const page = await get(url);
      assert.match(page.body, BANNER);
      assert.match(page.body, /&lt;script>alert\(&quot;x&quot;\)&lt;\/script> Fuite de gaz/);
      assert.doesNotMatch(page.body, /<script>alert/);
    }
    assert.match((await get(`/alertes/${row.id}`)).body, /<p>Évacuation de la rue\.<\/p><p>Ne fumez pas\.<\/p>/);

    const list = await agent.get('/admin/alertes?message=cree');
    assert.match(list.body, /L’alerte a été publiée/);
    assert.match(list.body, /Aucun abonné confirmé/);
    const edit = await agent.get(`/admin/alertes/${row.id}`);
    assert.match(edit.body, /Terminer maintenant/);
    const changed = await agent.post(`/admin/alertes/${row.id}`, {
      kind: 'autre',
      severity: 'vigilance',
      title: 'Fuite de gaz réparée bientôt',
      body: 'Évacuation de la rue.',
      startsAt: dateToParisLocal(new Date(now.getTime() - HOUR)),
      endsAt: dateToParisLocal(new Date(now.getTime() + 3 * HOUR)),
    });
    assert.equal(changed.statusCode, 303);
    assert.match((await get('/')).body, /Fuite de gaz réparée bientôt/);

    const ended = await agent.post(`/admin/alertes/${row.id}/terminer`, {});
    assert.equal(ended.statusCode, 303);
    assert.doesNotMatch((await get('/')).body, BANNER);
    assert.equal((await agent.post(`/admin/alertes/${row.id}/terminer`, {})).statusCode, 409);

    const confirm = await agent.get(`/admin/alertes/${row.id}/suppression`);
    assert.match(confirm.body, /Supprimer définitivement/);
    assert.equal((await agent.post(`/admin/alertes/${row.id}/suppression`, {})).statusCode, 303);
    assert.equal((await get(`/alertes/${row.id}`)).statusCode, 404);
    assert.equal((await agent.get(`/admin/alertes/${row.id}`)).statusCode, 404);
    assert.equal((await agent.get('/admin/alertes/abc')).statusCode, 404);
    assert.equal((await agent.post('/admin/alertes/999999/suppression', {})).statusCode, 404);
  });

  it('affiche le nombre d’abonnés confirmés', async () => {
    const now = new Date().toISOString();
    await t.db
      .insertInto('alerte_abonne')
      .values(
        ['a', 'b', 'c'].map((x, i) => ({
          commune_id: demo.id,
          email: `${x}@exemple.fr`,
          status: i < 2 ? 'confirme' : 'en_attente',
          created_at: now,
          last_mail_at: now,
          confirmed_at: i < 2 ? now : null,
        })),
      )
      .execute();
    const agent = new InjectClient(t.app);
    await agent.signIn(TEST_ACCOUNTS.administrateur, TEST_PASSWORD);
    assert.match((await agent.get('/admin/alertes')).body, /2 abonnés confirmés/);
  });
});
