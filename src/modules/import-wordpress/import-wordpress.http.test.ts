import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, it } from 'node:test';
import { buildTestApp, TEST_ACCOUNTS, TEST_PASSWORD, type TestApp } from '../../../tests/helpers/app.js';
import { describeEachEngine } from '../../../tests/helpers/db.js';
import { InjectClient } from '../../../tests/helpers/http.js';

const FIXTURES = new URL('../../../tests/fixtures/wordpress/', import.meta.url);
const XML = fs.readFileSync(new URL('export.xml', FIXTURES));
const ZIP = fs.readFileSync(new URL('uploads.zip', FIXTURES));

type Part = { field: string; name: string; type: string; bytes: Buffer };

/** A multipart body as a browser sends it. */
function multipart(fields: Record<string, string>, files: Part[]) {
  const boundary = '----clocher-import-boundary';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`,
      ),
      f.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

const wxr = (bytes = XML): Part => ({ field: 'wxr', name: 'export.xml', type: 'application/xml', bytes });
const zip = (bytes = ZIP): Part => ({ field: 'uploads', name: 'uploads.zip', type: 'application/zip', bytes });

describeEachEngine('import WordPress : formulaire du back-office', (engine) => {
  let t: TestApp;
  let secretaire: InjectClient;

  before(async () => {
    t = await buildTestApp(engine);
    secretaire = new InjectClient(t.app);
    await secretaire.signIn(TEST_ACCOUNTS.secretaire, TEST_PASSWORD);
  });
  after(() => t.close());

  const send = async (files: Part[], withToken = true) => {
    await secretaire.get('/admin/import-wordpress');
    const body = multipart(withToken && secretaire.csrf ? { _csrf: secretaire.csrf } : {}, files);
    return t.app.inject({
      method: 'POST',
      url: '/admin/import-wordpress',
      payload: body.payload,
      headers: {
        host: 'localhost',
        'content-type': body.contentType,
        cookie: [...secretaire.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
  };

  it('montre le formulaire à la secrétaire et le refuse à un agent', async () => {
    const res = await secretaire.get('/admin/import-wordpress');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Importer un site WordPress/);
    assert.match(res.body, /enctype="multipart\/form-data"/);
    const agent = new InjectClient(t.app);
    await agent.signIn(TEST_ACCOUNTS.agent, TEST_PASSWORD);
    assert.equal((await agent.get('/admin/import-wordpress')).statusCode, 403);
  });

  it('refuse un envoi sans jeton anti-falsification', async () => {
    const res = await send([wxr(), zip()], false);
    assert.equal(res.statusCode, 403);
  });

  it('refuse en français un fichier qui n’est pas un export WordPress, une archive illisible ou un envoi vide', async () => {
    const bad = await send([wxr(Buffer.from('<html><body>Mon site</body></html>'))]);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /n’est pas un export WordPress/);
    assert.match(bad.body, /Le formulaire contient une erreur/);
    const badZip = await send([wxr(), zip(Buffer.from('pas une archive'))]);
    assert.equal(badZip.statusCode, 400);
    assert.match(badZip.body, /n’est pas un fichier ZIP lisible/);
    const empty = await send([]);
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Choisissez le fichier d’export WordPress/);
  });

  it('accepte une archive au-delà de la limite ordinaire de 20 Mo et refuse en français au-delà de 50 Mo', async () => {
    const big = await send([wxr(), zip(Buffer.alloc(25 * 1024 * 1024, 1))]);
    assert.equal(big.statusCode, 400);
    assert.match(big.body, /n’est pas un fichier ZIP lisible/);
    const tooBig = await send([wxr(), zip(Buffer.alloc(51 * 1024 * 1024, 1))]);
    assert.equal(tooBig.statusCode, 413);
    assert.match(tooBig.body, /trop volumineux : 50 Mo au plus/);
  });

  it('importe l’export et son archive, montre le bilan, puis ne change rien la seconde fois', async () => {
    const first = await send([wxr(), zip()]);
    assert.equal(first.statusCode, 200, first.body);
    assert.match(first.body, /Bilan de l’import/);
    assert.match(first.body, /<th scope="row">Actualités<\/th><td>3<\/td><td>0<\/td><td>0<\/td>/);
    assert.match(first.body, /Fichier absent : 2024\/11\/plan-perdu\.jpg/);
    const page = await secretaire.get('/la-mairie/horaires/permanences');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /href="\/actualites\/marche-de-printemps"/);
    const second = await send([wxr(), zip()]);
    assert.equal(second.statusCode, 200);
    assert.match(second.body, /<th scope="row">Actualités<\/th><td>0<\/td><td>0<\/td><td>3<\/td>/);
    assert.match(second.body, /<th scope="row">Fichiers<\/th><td>0<\/td><td>0<\/td><td>3<\/td>/);
  });
});
