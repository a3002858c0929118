import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, it } from 'node:test';
import { sql } from 'kysely';
import pino from 'pino';
import { buildTestApp, TEST_ACCOUNTS, TEST_PASSWORD, type TestApp } from '../../../tests/helpers/app.js';
import { describeEachEngine } from '../../../tests/helpers/db.js';
import { InjectClient } from '../../../tests/helpers/http.js';
import { checkForUpdates, runningVersion, updateCheckJobs } from './updates.service.js';

/** What the feed server answers: a status and a body, or no answer at all ('hang'), or a cut connection ('drop'). */
type Answer = { status: number; body: string } | 'hang' | 'drop';

const feed = (...releases: object[]) => ({ status: 200, body: JSON.stringify({ releases }) });

describeEachEngine('mises à jour de la plateforme', (engine) => {
  let answer: Answer = 'drop';
  let server: http.Server;
  let t: TestApp;
  let notConfigured: TestApp;
  let secretaire: InjectClient;
  const installed = runningVersion(undefined).version;
  const log = pino({ level: 'silent' });
  const at = (iso: string) => () => new Date(iso);

  before(async () => {
    server = http.createServer((req, res) => {
      if (answer === 'drop') req.socket.destroy();
      else if (answer !== 'hang') res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/releases.json`;
    t = await buildTestApp(engine, { env: { CLOCHER_UPDATE_FEED: url } });
    notConfigured = await buildTestApp(engine);
    secretaire = new InjectClient(t.app);
    await secretaire.signIn(TEST_ACCOUNTS.secretaire, TEST_PASSWORD);
  });
  after(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await t?.close();
    await notConfigured?.close();
  });

  /** Runs the periodic job as the job runner would, at the given instant. */
  const runJob = async (iso: string) => {
    const [job] = updateCheckJobs(t.app.deps.config);
    assert.ok(job, 'the update check is registered when a feed is set');
    await job.handler({ db: t.db, now: at(iso), log, slot: new Date(iso) });
  };
  const page = async () => {
    const res = await secretaire.get('/admin/securite');
    assert.equal(res.statusCode, 200);
    return res.body;
  };

  it('montre la version installée et attend la première vérification', async () => {
    const body = await page();
    assert.match(body, new RegExp(`Version installée : <strong>${installed.replaceAll('.', '\\.')}</strong>`));
    assert.match(body, /la première vérification aura lieu dans les six prochaines heures/);
    assert.match(body, /La base de données est à jour/);
  });

  it('dit « À jour » quand la liste ne propose rien de plus récent', async () => {
    answer = feed({ version: installed, date: '2026-11-01' }, { version: '0.0.1', security: true });
    await runJob('2026-11-29T05:00:00Z');
    assert.match(await page(), /À jour \(vérifié le 29 novembre 2026 à 06:00\)/);
  });

  it('annonce un correctif de sécurité à demander à l’hébergeur', async () => {
    answer = feed(
      { version: installed },
      { version: '99.0.0', date: '2026-11-20', security: true, url: 'https://clocher.example/versions/99.0.0' },
      { version: '100.0.0-rc.1', security: true },
    );
    await runJob('2026-11-29T11:00:00Z');
    const body = await page();
    assert.match(
      body,
      /Mise à jour disponible : 99\.0\.0 \(correctif de sécurité\) — demandez à votre hébergeur de l’installer/,
    );
    assert.match(
      body,
      /<a href="https:\/\/clocher\.example\/versions\/99\.0\.0">Ce que change la version 99\.0\.0<\/a>/,
    );
    assert.match(body, /Sans attendre, écrivez à votre hébergeur/);
  });

  it('dit en français pourquoi la vérification est impossible, et depuis quand', async () => {
    answer = { status: 200, body: '<html>maintenance</html>' };
    await runJob('2026-11-30T05:00:00Z');
    assert.match(
      await page(),
      /Vérification impossible depuis le 30 novembre 2026 à 06:00 : la liste des versions reçue est illisible \(ce n’est pas du JSON\)/,
    );
    answer = 'drop';
    await runJob('2026-11-30T11:00:00Z');
    assert.match(
      await page(),
      /Vérification impossible depuis le 30 novembre 2026 à 06:00 : le serveur des mises à jour est injoignable/,
    );
    answer = { status: 404, body: 'Not Found' };
    await runJob('2026-11-30T17:00:00Z');
    assert.match(await page(), /a répondu par une erreur \(code 404\)/);
    answer = 'hang';
    await checkForUpdates({ db: t.db, now: at('2026-11-30T23:00:00Z'), log }, t.app.deps.config, 200);
    assert.match(
      await page(),
      /depuis le 30 novembre 2026 à 06:00 : le serveur des mises à jour n’a pas répondu à temps/,
    );
    answer = feed({ version: installed });
    await runJob('2026-12-01T05:00:00Z');
    assert.match(await page(), /À jour \(vérifié le 1 décembre 2026 à 06:00\)/);
  });

  it('dit quand l’hébergeur n’a pas configuré la recherche', async () => {
    assert.deepEqual(updateCheckJobs(notConfigured.app.deps.config), []);
    const client = new InjectClient(notConfigured.app);
    await client.signIn(TEST_ACCOUNTS.secretaire, TEST_PASSWORD);
    const body = (await client.get('/admin/securite')).body;
    assert.match(body, /La recherche de mises à jour n’est pas configurée par l’hébergeur/);
    assert.match(body, /<strong>Pourquoi :<\/strong>/);
  });

  it('signale une base de données en retard sur la version installée', async () => {
    const name = '202611290620_securite_update_check';
    await sql`delete from schema_migration where name = ${name}`.execute(notConfigured.db);
    const client = new InjectClient(notConfigured.app);
    await client.signIn(TEST_ACCOUNTS.secretaire, TEST_PASSWORD);
    assert.match((await client.get('/admin/securite')).body, /1 évolution de la base de données n’est pas appliquée/);
  });
});
