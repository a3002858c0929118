import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../tests/helpers/app.js';
import { describeEachEngine } from '../../../tests/helpers/db.js';
import { InjectClient } from '../../../tests/helpers/http.js';
import { contactValues } from './demarches.factories.js';

describeEachEngine('démarches : l’accusé de réception en PDF depuis le lien de suivi', (engine) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(engine);
  });
  after(() => t.close());

  it('se télécharge depuis la page d’accusé et la page de suivi, avec le jeton seulement', async () => {
    const client = new InjectClient(t.app);
    await client.get('/demarches/contact');
    const res = await client.post('/demarches/contact', contactValues({ objet: 'Encombrants' }));
    assert.equal(res.statusCode, 303);
    const accuse = await client.get(String(res.headers.location));
    const link = /href="(\/suivi\/(\d{4}-\d{6})\/accuse\.pdf\?jeton=[^"]+)"/.exec(accuse.body);
    assert.ok(link, 'download link on the acknowledgement page');
    const href = (link[1] ?? '').replace(/&amp;/g, '&');
    const reference = link[2] ?? '';
    const suivi = await client.get(href.replace(/\/accuse\.pdf/, ''));
    assert.ok(suivi.body.includes(link[1] ?? ''), 'the same link on the follow-up page');

    const pdf = await t.app.inject({ url: href, headers: { host: 'localhost' } });
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.headers['content-disposition'], `attachment; filename="accuse-reception-${reference}.pdf"`);
    assert.equal(pdf.headers['cache-control'], 'no-store');
    assert.equal(pdf.headers['set-cookie'], undefined);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf.rawPayload, encoding: 'utf8' });
    assert.match(text, new RegExp(`Référence : ${reference}`));
    assert.match(text, /Cette demande ne donne pas lieu à une décision implicite/);
    // Stored once: the second download is the same document.
    const again = await t.app.inject({ url: href, headers: { host: 'localhost' } });
    assert.deepEqual(again.rawPayload, pdf.rawPayload);

    const wrong = await t.app.inject({
      url: `/suivi/${reference}/accuse.pdf?jeton=mauvais`,
      headers: { host: 'localhost' },
    });
    assert.equal(wrong.statusCode, 404);
    const none = await t.app.inject({ url: `/suivi/${reference}/accuse.pdf`, headers: { host: 'localhost' } });
    assert.equal(none.statusCode, 404);
  });
});
