import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { buildTestApp, TEST_ACCOUNTS, TEST_PASSWORD, type TestApp } from '../../../tests/helpers/app.js';
import { describeEachEngine } from '../../../tests/helpers/db.js';
import { InjectClient } from '../../../tests/helpers/http.js';

const decode = (s: string) =>
  s
    .replace(/&#39;|&rsquo;/g, '’')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

describeEachEngine('conseil municipal : pages et formulaires', (engine) => {
  let t: TestApp;
  let client: InjectClient;
  let seanceId: number;
  let pointId: number;
  let membres: { id: number; prenom: string; nom: string }[];

  before(async () => {
    t = await buildTestApp(engine);
    client = new InjectClient(t.app);
    const res = await client.signIn(TEST_ACCOUNTS.secretaire, TEST_PASSWORD);
    assert.equal(res.statusCode, 303);
    const next = await t.db
      .selectFrom('conseil_seance')
      .select(['id'])
      .orderBy('date', 'desc')
      .executeTakeFirstOrThrow();
    seanceId = next.id;
    const p = await t.db
      .selectFrom('conseil_point')
      .select('id')
      .where('seance_id', '=', seanceId)
      .where('nomination', '=', 0)
      .orderBy('numero', 'desc')
      .executeTakeFirstOrThrow();
    pointId = p.id;
    membres = await t.db.selectFrom('conseil_membre').select(['id', 'prenom', 'nom']).orderBy('id').execute();
    const presences: Record<string, string> = {};
    for (const [i, m] of membres.entries()) presences[`statut_${m.id}`] = i >= 12 ? 'absent' : 'present';
    await client.get(`/admin/conseil/seances/${seanceId}/presences`);
    const saved = await client.post(`/admin/conseil/seances/${seanceId}/presences`, presences);
    assert.equal(saved.statusCode, 303);
  });
  after(() => t.close());

  it('publie la page du conseil municipal sans cookie', async () => {
    const res = await new InjectClient(t.app).get('/conseil-municipal');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['set-cookie'], undefined);
    assert.match(res.body, /Hélène Delattre/);
    assert.match(res.body, /Prochaines séances/);
    assert.match(res.body, /liste publiée/);
    const seance = await new InjectClient(t.app).get(`/conseil-municipal/seances/${seanceId}`);
    assert.equal(seance.statusCode, 200);
    assert.match(decode(seance.body), /Désignation d’un délégué au syndicat des eaux/);
    assert.equal((await new InjectClient(t.app).get('/conseil-municipal/seances/999999')).statusCode, 404);
    assert.equal((await new InjectClient(t.app).get('/conseil-municipal/seances/abc')).statusCode, 404);
  });

  it('refuse un vote dont les nombres ne font pas le total (400, message en français, rien ne change)', async () => {
    await client.get(`/admin/conseil/seances/${seanceId}/points/${pointId}`);
    const res = await client.post(`/admin/conseil/seances/${seanceId}/points/${pointId}/vote`, {
      demandesPublic: '0',
      demandesSecret: '0',
      pour: '10',
      contre: '0',
      abstention: '0',
      npp: '0',
    });
    assert.equal(res.statusCode, 400);
    assert.match(
      decode(res.body),
      /Les voix ne correspondent pas : 10 voix saisies .* 12 membres présents ou représentés/,
    );
    const row = await t.db
      .selectFrom('conseil_point')
      .select(['pour', 'resultat'])
      .where('id', '=', pointId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { pour: null, resultat: null });
    const bad = await client.post(`/admin/conseil/seances/${seanceId}/points/${pointId}/vote`, {
      demandesPublic: 'x',
      demandesSecret: '0',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(decode(bad.body), /doit être un nombre entier positif ou nul/);
  });

  it('refuse une procuration à un membre qui en détient déjà une (409, message en français, rien ne change)', async () => {
    const [holder, first, second] = [membres[2], membres[12], membres[13]] as {
      id: number;
      prenom: string;
      nom: string;
    }[];
    await client.get(`/admin/conseil/seances/${seanceId}/presences`);
    const ok = await client.post(`/admin/conseil/seances/${seanceId}/procurations`, {
      mandantId: String(first?.id),
      mandataireId: String(holder?.id),
      ecrit: 'on',
    });
    assert.equal(ok.statusCode, 303);
    const res = await client.post(`/admin/conseil/seances/${seanceId}/procurations`, {
      mandantId: String(second?.id),
      mandataireId: String(holder?.id),
      ecrit: 'on',
    });
    assert.equal(res.statusCode, 409);
    assert.match(
      decode(res.body),
      new RegExp(`${holder?.prenom} ${holder?.nom} détient déjà la procuration de ${first?.prenom} ${first?.nom}`),
    );
    const rows = await t.db.selectFrom('conseil_procuration').select('id').where('seance_id', '=', seanceId).execute();
    assert.equal(rows.length, 1);
    const unwritten = await client.post(`/admin/conseil/seances/${seanceId}/procurations`, {
      mandantId: String(second?.id),
      mandataireId: String(membres[3]?.id),
    });
    assert.equal(unwritten.statusCode, 400);
    assert.match(decode(unwritten.body), /doit être donnée par écrit/);
  });

  it('enregistre le vote puis finalise la délibération', async () => {
    const res = await client.post(`/admin/conseil/seances/${seanceId}/points/${pointId}/vote`, {
      demandesPublic: '0',
      demandesSecret: '0',
      pour: '11',
      contre: '1',
      abstention: '1',
      npp: '0',
    });
    assert.equal(res.statusCode, 303);
    const fin = await client.post(`/admin/conseil/seances/${seanceId}/points/${pointId}/finalisation`, {});
    assert.equal(fin.statusCode, 303);
    const page = await client.get(`/admin/conseil/seances/${seanceId}/points/${pointId}`);
    assert.match(decode(page.body), /inscrite au registre des actes sous le n°/);
    const pdf = await client.get(`/admin/conseil/seances/${seanceId}/registre.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
  });

  it('refuse un formulaire sans jeton anti-falsification et les pages à un visiteur', async () => {
    const res = await client.post(`/admin/conseil/seances/${seanceId}/liste`, { _csrf: null });
    assert.equal(res.statusCode, 403);
    const anon = await new InjectClient(t.app).get('/admin/conseil');
    assert.ok([302, 303, 401].includes(anon.statusCode));
  });

  it('refuse un lien de convocation inconnu', async () => {
    assert.equal((await new InjectClient(t.app).get(`/conseil/convocation/${'a'.repeat(43)}`)).statusCode, 404);
    assert.equal((await new InjectClient(t.app).get('/conseil/convocation/court')).statusCode, 404);
  });
});
