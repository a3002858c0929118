import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { buildTestApp, TEST_ACCOUNTS, TEST_PASSWORD, type TestApp } from '../../../tests/helpers/app.js';
import { describeEachEngine } from '../../../tests/helpers/db.js';
import { InjectClient } from '../../../tests/helpers/http.js';
import { toRaw } from './barometre.schemas.js';
import { EDITION_2026 } from './questionnaire.data.js';
import { allQuestions } from './questionnaire.types.js';
import { eligibleCommunes } from './sample.js';
import { generateSample, generateValeurs, sampleCsv, seededRandom } from './sample.rules.js';

const YEAR = new Date().getUTCFullYear();

function multipart(fields: Record<string, string>, file: { name: string; bytes: Buffer }) {
  const boundary = '----clocher-barometre-boundary';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="fichier"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

describeEachEngine('baromètre numérique (http)', (engine) => {
  let t: TestApp;
  let operator: InjectClient;
  let admin: InjectClient;
  before(async () => {
    t = await buildTestApp(engine);
    operator = new InjectClient(t.app);
    await operator.signIn(TEST_ACCOUNTS.operateur, TEST_PASSWORD);
    admin = new InjectClient(t.app);
    await admin.signIn(TEST_ACCOUNTS.administrateur, TEST_PASSWORD);
  });
  after(() => t.close());

  const upload = async (client: InjectClient, csv: string) => {
    await client.get(`/plateforme/barometre/${YEAR}`);
    const body = multipart({ _csrf: client.csrf ?? '' }, { name: 'reponses.csv', bytes: Buffer.from(csv) });
    return t.app.inject({
      method: 'POST',
      url: `/plateforme/barometre/${YEAR}/import`,
      payload: body.payload,
      headers: {
        host: 'localhost',
        'content-type': body.contentType,
        cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
  };

  it('réserve les pages de l’opérateur à l’opérateur', async () => {
    for (const url of [
      '/plateforme/barometre',
      `/plateforme/barometre/${YEAR - 1}`,
      `/plateforme/barometre/${YEAR - 1}/resultats`,
      `/plateforme/barometre/${YEAR - 1}/resultats.csv`,
      `/plateforme/barometre/${YEAR}/modele.csv`,
    ]) {
      assert.equal((await admin.get(url)).statusCode, 403, url);
      assert.equal((await operator.get(url)).statusCode, 200, url);
    }
    await admin.get('/admin/barometre');
    assert.equal(
      (await admin.post('/plateforme/barometre/campagnes', { annee: '2030', edition: 'x' })).statusCode,
      403,
    );
    assert.equal((await upload(admin, 'code_insee\n')).statusCode, 403);
    const anonymous = await t.app.inject({ url: '/plateforme/barometre', headers: { host: 'localhost' } });
    assert.notEqual(anonymous.statusCode, 200);
  });

  it('crée une campagne et refuse une année invalide ou déjà prise avec un message en français', async () => {
    await operator.get('/plateforme/barometre');
    const bad = await operator.post('/plateforme/barometre/campagnes', {
      annee: 'deux mille',
      edition: EDITION_2026.edition,
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Saisissez une année/);
    assert.match(bad.body, /value="deux mille"/);
    const dup = await operator.post('/plateforme/barometre/campagnes', {
      annee: String(YEAR),
      edition: EDITION_2026.edition,
    });
    assert.equal(dup.statusCode, 409);
    assert.match(dup.body, new RegExp(`Une campagne ${YEAR} existe déjà`));
    const ok = await operator.post('/plateforme/barometre/campagnes', {
      annee: String(YEAR + 1),
      edition: EDITION_2026.edition,
    });
    assert.equal(ok.statusCode, 303);
    assert.match((await operator.get(String(ok.headers.location))).body, /La campagne a été créée/);
    assert.equal((await operator.get('/plateforme/barometre/abc')).statusCode, 404);
    assert.equal((await operator.get('/plateforme/barometre/1990')).statusCode, 404);
  });

  it('importe un CSV par le formulaire, ou montre les lignes refusées sans rien importer', async () => {
    const template = await operator.get(`/plateforme/barometre/${YEAR}/modele.csv`);
    assert.match(String(template.headers['content-type']), /text\/csv/);
    const header = template.body.replace(/^\uFEFF/, '').trim();
    assert.equal(header, ['code_insee', ...allQuestions(EDITION_2026).map((q) => q.code)].join(';'));
    const sample = generateSample(EDITION_2026, eligibleCommunes(), 12, 77);
    const csv = sampleCsv(EDITION_2026, sample);
    const broken = csv.replace(/\n(\w{5});/, '\n99999;');
    const refused = await upload(operator, broken);
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /aucune réponse n’a été importée/);
    assert.match(refused.body, /Code INSEE inconnu/);
    const done = await upload(operator, csv);
    assert.equal(done.statusCode, 303);
    assert.match((await operator.get(String(done.headers.location))).body, /12 réponse\(s\) importée\(s\)/);
    const empty = await upload(operator, '');
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /Choisissez le fichier CSV/);
  });

  it('sert les résultats, les agrégats CSV et JSON et le rapport PDF', async () => {
    const page = await operator.get(`/plateforme/barometre/${YEAR - 1}/resultats`);
    assert.match(page.body, /<svg class="bchart"/);
    assert.match(page.body, /Communes répondantes/);
    assert.doesNotMatch(page.body, /<script/);
    const json = JSON.parse((await operator.get(`/plateforme/barometre/${YEAR - 1}/resultats.json`)).body);
    assert.equal(json.campagne.annee, YEAR - 1);
    assert.ok(json.repondants.ensemble > 100);
    const csv = await operator.get(`/plateforme/barometre/${YEAR - 1}/resultats.csv`);
    assert.match(csv.body, /annee;question;categorie;groupe/);
    const pdf = await operator.get(`/plateforme/barometre/${YEAR - 1}/rapport.pdf`);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
  });

  it('ouvre et ferme l’observatoire public, servi sans cookie', async () => {
    const open = await t.app.inject({ url: '/observatoire', headers: { host: 'localhost' } });
    assert.equal(open.statusCode, 200);
    assert.equal(open.headers['set-cookie'], undefined);
    assert.match(open.body, new RegExp(`Observatoire du numérique des communes – ${YEAR - 1}`));
    assert.equal(
      (await t.app.inject({ url: `/observatoire/${YEAR}`, headers: { host: 'localhost' } })).statusCode,
      404,
    );
    assert.equal((await t.app.inject({ url: '/observatoire/xyz', headers: { host: 'localhost' } })).statusCode, 404);
    await operator.get('/plateforme/barometre');
    assert.equal((await operator.post('/plateforme/barometre/observatoire', { ouvert: '0' })).statusCode, 303);
    const closed = await t.app.inject({ url: '/observatoire', headers: { host: 'localhost' } });
    assert.equal(closed.statusCode, 404);
    assert.match(closed.body, /L’observatoire du numérique n’est pas ouvert/);
    await operator.post('/plateforme/barometre/observatoire', { ouvert: '1' });
  });

  it('pré-remplit le questionnaire de la commune et refuse une saisie invalide avec un message en français', async () => {
    const page = await admin.get('/admin/barometre');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /pré-rempli/);
    assert.match(page.body, /name="q_site_internet" value="oui" checked/);
    assert.match(page.body, /name="q_site_usages__actualites" value="on" checked/);
    assert.match(page.body, /Si vous avez répondu « Oui » à « La commune a-t-elle un site internet/);
    const bad = await admin.post('/admin/barometre', {
      annee: String(YEAR),
      action: 'enregistrer',
      q_nb_ordinateurs: 'beaucoup',
      q_double_facteur: '140',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Saisissez un nombre\./);
    assert.match(bad.body, /Saisissez un pourcentage entre 0 et 100/);
    assert.match(bad.body, /value="beaucoup"/);
    const incomplete = await admin.post('/admin/barometre', {
      annee: String(YEAR),
      action: 'soumettre',
      q_fibre: 'oui',
    });
    assert.equal(incomplete.statusCode, 400);
    assert.match(incomplete.body, /Répondez à cette question avant de soumettre/);
    const wrongYear = await admin.post('/admin/barometre', { annee: String(YEAR - 1), action: 'enregistrer' });
    assert.equal(wrongYear.statusCode, 400);
  });

  it('enregistre un brouillon, ne laisse soumettre qu’un administrateur, puis compare la commune à sa tranche', async () => {
    const secretaire = new InjectClient(t.app);
    await secretaire.signIn(TEST_ACCOUNTS.secretaire, TEST_PASSWORD);
    await secretaire.get('/admin/barometre');
    const draft = await secretaire.post('/admin/barometre', {
      annee: String(YEAR),
      action: 'enregistrer',
      q_fibre: 'prevu',
    });
    assert.equal(draft.statusCode, 303);
    assert.match((await secretaire.get(String(draft.headers.location))).body, /Le brouillon a été enregistré/);
    assert.equal(
      (await secretaire.post('/admin/barometre', { annee: String(YEAR), action: 'soumettre' })).statusCode,
      403,
    );
    const agent = new InjectClient(t.app);
    await agent.signIn(TEST_ACCOUNTS.agent, TEST_PASSWORD);
    assert.equal((await agent.get('/admin/barometre')).statusCode, 403);

    const valeurs = generateValeurs(EDITION_2026, 2043, seededRandom(3));
    await admin.get('/admin/barometre');
    const sent = await admin.post('/admin/barometre', {
      annee: String(YEAR),
      action: 'soumettre',
      ...toRaw(EDITION_2026, valeurs),
    });
    assert.equal(sent.statusCode, 303, sent.body.slice(0, 2000));
    const after = await admin.get(String(sent.headers.location));
    assert.match(after.body, /La réponse de la commune a été soumise/);
    assert.doesNotMatch(after.body, /Enregistrer le brouillon/);
    const again = await admin.post('/admin/barometre', { annee: String(YEAR), action: 'enregistrer' });
    assert.equal(again.statusCode, 409);

    const cmp = await admin.get(`/admin/barometre/${YEAR - 1}`);
    assert.equal(cmp.statusCode, 200);
    assert.match(cmp.body, /Communes de votre tranche/);
    assert.match(cmp.body, /2 000 à 3 499 habitants/);
    assert.equal((await admin.get(`/admin/barometre/${YEAR}`)).statusCode, 404);
  });
});
