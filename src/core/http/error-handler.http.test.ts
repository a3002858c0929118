import assert from 'node:assert/strict';
import { it } from 'node:test';
import { buildTestApp } from '../../../tests/helpers/app.js';
import { describeEachEngine } from '../../../tests/helpers/db.js';

describeEachEngine('page d’erreur 500', (engine) => {
  it('montre un message générique en français, jamais le détail ni la trace', async () => {
    const t = await buildTestApp(engine);
    try {
      t.app.get('/essai-panne', async () => {
        throw new Error('detail interne secret');
      });
      const res = await t.app.inject({ url: '/essai-panne', headers: { host: 'localhost' } });
      assert.equal(res.statusCode, 500);
      assert.match(res.body, /Erreur du serveur/);
      assert.match(res.body, /Une erreur inattendue s’est produite/);
      assert.doesNotMatch(res.body, /detail interne secret|\.ts:\d+/);
      assert.match(String(res.headers['content-type']), /text\/html/);
    } finally {
      await t.close();
    }
  });
});

describeEachEngine('page introuvable', (engine) => {
  it('garde le menu et l’alerte du site public, pas dans l’administration', async () => {
    const t = await buildTestApp(engine);
    try {
      const pub = await t.app.inject({ url: '/une-page-disparue', headers: { host: 'localhost' } });
      assert.equal(pub.statusCode, 404);
      assert.match(pub.body, /Page introuvable/);
      assert.match(pub.body, /aria-label="Menu principal"/);
      assert.match(pub.body, /href="\/actualites"/);
      assert.equal(pub.headers['set-cookie'], undefined);
      const admin = await t.app.inject({ url: '/admin/une-page-disparue', headers: { host: 'localhost' } });
      assert.equal(admin.statusCode, 404);
      assert.doesNotMatch(admin.body, /aria-label="Menu principal"/);
    } finally {
      await t.close();
    }
  });
});
