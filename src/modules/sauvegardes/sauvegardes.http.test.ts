import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import pino from 'pino';
import { buildTestApp, TEST_ACCOUNTS, TEST_PASSWORD, type TestApp } from '../../../tests/helpers/app.js';
import { describeEachEngine } from '../../../tests/helpers/db.js';
import { InjectClient } from '../../../tests/helpers/http.js';
import { recordRun } from '../../core/backup/index.js';

const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000);

describeEachEngine('sauvegardes sur le tableau de bord et la page sécurité', (engine) => {
  let t: TestApp;
  const record = (kind: 'backup' | 'verify', name: string, at: Date, error?: Error) =>
    recordRun(
      { db: t.db, log: pino({ level: 'silent' }), actor: { kind: 'system', label: 'test' } },
      { kind, name, startedAt: at, finishedAt: at, size: 1234, detail: '/srv/backups', error },
    );

  before(async () => {
    t = await buildTestApp(engine);
  });
  after(() => t.close());

  it('alerte quand aucune sauvegarde n’a réussi, et dit que les sauvegardes ne sont pas vérifiées', async () => {
    const secretaire = new InjectClient(t.app);
    await secretaire.signIn(TEST_ACCOUNTS.secretaire, TEST_PASSWORD);
    const page = await secretaire.get('/admin');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /class="alert alert--error"/);
    assert.match(page.body, /Aucune sauvegarde réussie n’a encore été faite/);
    assert.match(page.body, /ne peuvent pas être vérifiées par le serveur/);
    assert.match(
      (await secretaire.get('/admin/securite')).body,
      /Aucune sauvegarde de la plateforme n’a encore été vérifiée/,
    );
  });

  it('montre la dernière sauvegarde et la dernière vérification, et alerte au-delà de 48 heures', async () => {
    await record('backup', 'clocher-ancienne', hoursAgo(50));
    await record('verify', 'clocher-ancienne', hoursAgo(49));
    await record('backup', 'clocher-echec', hoursAgo(2), new Error('disk full'));
    const secretaire = new InjectClient(t.app);
    await secretaire.signIn(TEST_ACCOUNTS.secretaire, TEST_PASSWORD);
    const stale = await secretaire.get('/admin');
    assert.match(stale.body, /Aucune sauvegarde réussie depuis 50 heures/);
    assert.match(stale.body, /Dernière sauvegarde : <time[^>]*>[^<]+<\/time> \(échec\)/);
    assert.match(stale.body, /restauration d’essai réussie/);

    await record('backup', 'clocher-recente', hoursAgo(1));
    await record('verify', 'clocher-recente', hoursAgo(1));
    const fresh = await secretaire.get('/admin');
    assert.match(fresh.body, /class="alert alert--info"/);
    assert.doesNotMatch(fresh.body, /Aucune sauvegarde réussie/);
    assert.doesNotMatch(fresh.body, /ne peuvent pas être vérifiées/);
    assert.match(fresh.body, /Dernière sauvegarde : <time[^>]*>[^<]+<\/time> \(réussie\)/);
    assert.match(
      (await secretaire.get('/admin/securite')).body,
      /Dernière sauvegarde vérifiée par une restauration d’essai : le /,
    );
  });

  it('n’est pas montrée à un agent', async () => {
    const agent = new InjectClient(t.app);
    await agent.signIn(TEST_ACCOUNTS.agent, TEST_PASSWORD);
    assert.doesNotMatch((await agent.get('/admin')).body, /sauvegardes-titre/);
  });
});
