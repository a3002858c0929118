import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { after, before, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { Table, validate } from 'tableschema';
import * as tar from 'tar';
import { buildTestApp, TEST_ACCOUNTS, TEST_PASSWORD, type TestApp } from '../../../tests/helpers/app.js';
import { describeEachEngine } from '../../../tests/helpers/db.js';
import { InjectClient } from '../../../tests/helpers/http.js';
import type { CommuneCtx } from '../../core/context.js';
import { DiskFileStore } from '../../core/files/index.js';
import { type Commune, findCommuneBySlug } from '../../core/tenancy/index.js';
import { deliberationInput, multipartBody, SMALL_PDF, storedZip } from './actes.factories.js';
import * as service from './actes.service.js';

type Field = { name: string; constraints?: { required?: boolean } };
const readSchema = (name: string) =>
  JSON.parse(fs.readFileSync(new URL(`./${name}`, import.meta.url), 'utf8')) as { fields: Field[] };
const delibSchema = readSchema('scdl-deliberations.schema.json');

/** French SIRET check of the SCDL custom checks (Luhn). */
const luhn = (s: string) =>
  [...s]
    .reverse()
    .map((c, i) => (i % 2 === 1 ? (Number(c) * 2 > 9 ? Number(c) * 2 - 9 : Number(c) * 2) : Number(c)))
    .reduce((a, b) => a + b, 0) %
    10 ===
  0;

/** Validates a CSV against a Table Schema: types, patterns, required; returns the keyed rows. */
async function validCsv(csv: string, schema: { fields: Field[] }): Promise<Record<string, unknown>[]> {
  assert.deepEqual(await validate(schema), { valid: true, errors: [] });
  assert.equal(csv.split('\n')[0], schema.fields.map((f) => f.name).join(','));
  const table = await Table.load(() => Readable.from([csv]), { schema, delimiter: ',' });
  const rows = (await table.read({ keyed: true, forceCast: true })) as unknown[];
  const errors = rows.filter((r) => r instanceof Error) as (Error & { errors?: Error[] })[];
  assert.deepEqual(
    errors.map((e) => (e.errors ?? [e]).map((x) => x.message)),
    [],
  );
  return rows as Record<string, unknown>[];
}

describeEachEngine('actes : registre, publication, données ouvertes', (engine) => {
  let t: TestApp;
  let agent: InjectClient;
  let commune: Commune;
  const files = () => new DiskFileStore(path.join(t.dataDir, 'files'));
  const ctx = (): CommuneCtx & { files: DiskFileStore } => ({
    db: t.db,
    commune,
    now: () => new Date(),
    log: t.app.log,
    actor: { kind: 'system', label: 'test' },
    files: files(),
  });
  const publicGet = (url: string, host = 'localhost') => t.app.inject({ url, headers: { host } });
  // The commune's own domain (the only commune answers any host): data files link to it.
  const SITE = 'www.bellerive-sur-lys.fr';
  const count = async () =>
    Number(
      (
        await t.db
          .selectFrom('acte')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('commune_id', '=', commune.id)
          .executeTakeFirst()
      )?.n,
    );
  const arrete = (over: Record<string, string> = {}) => ({
    nature: 'arrete_reglementaire',
    numero: '',
    objet: 'Réglementation du stationnement place de l’Église pendant la brocante',
    dateDecision: '2026-11-20',
    matiereCode: '6.1',
    auteurNom: 'Claire Delattre',
    auteurQualite: 'Maire',
    texte:
      'Le maire de Bellerive-sur-Lys,\n\nVu le code général des collectivités territoriales,\n\nArrête :\n\nArticle 1 : le stationnement est interdit place de l’Église le dimanche 6 décembre 2026.',
    ...over,
  });
  const multipart = (
    url: string,
    fields: Record<string, string>,
    upload: { field: string; name: string; bytes: Buffer }[],
  ) => {
    const { payload, contentType } = multipartBody({ _csrf: agent.csrf ?? '', ...fields }, upload);
    const cookie = [...agent.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return t.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { host: 'localhost', 'content-type': contentType, cookie },
    });
  };

  before(async () => {
    t = await buildTestApp(engine);
    agent = new InjectClient(t.app);
    const login = await agent.signIn(TEST_ACCOUNTS.secretaire, TEST_PASSWORD);
    assert.equal(login.statusCode, 303);
    commune = (await findCommuneBySlug(t.db, 'bellerive-sur-lys')) as Commune;
  });
  after(() => t.close());

  let acteId = 0;

  it('la secrétaire rédige, signe et publie un arrêté ; le public le trouve, le lit et télécharge son PDF', async () => {
    await agent.get('/admin/actes/nouveau');
    const created = await agent.post('/admin/actes', arrete());
    assert.equal(created.statusCode, 303, created.body);
    acteId = Number(/\/admin\/actes\/(\d+)/.exec(created.headers.location as string)?.[1]);
    const page = await agent.get(`/admin/actes/${acteId}`);
    assert.match(page.body, /A2026_001/);
    assert.match(page.body, /À transmettre/);
    assert.equal((await agent.post(`/admin/actes/${acteId}/signer`, {})).statusCode, 303);
    assert.equal((await agent.post(`/admin/actes/${acteId}/publier`, {})).statusCode, 303);

    const list = await publicGet('/actes?q=brocante');
    assert.equal(list.statusCode, 200);
    assert.equal(list.headers['set-cookie'], undefined, 'pas de cookie sur le registre public');
    assert.match(list.body, new RegExp(`href="/actes/${acteId}"`));
    assert.doesNotMatch((await publicGet('/actes?q=kermesse')).body, new RegExp(`href="/actes/${acteId}"`));
    assert.match((await publicGet('/actes?q=eglise')).body, new RegExp(`href="/actes/${acteId}"`), 'sans accent');
    assert.match((await publicGet('/actes?nature=arrete_reglementaire&annee=2026&matiere=6')).body, /brocante/);
    assert.doesNotMatch((await publicGet('/actes?nature=deliberation')).body, /brocante/);

    const one = await publicGet(`/actes/${acteId}`);
    assert.equal(one.statusCode, 200);
    assert.equal(one.headers['set-cookie'], undefined);
    assert.match(one.body, /Claire Delattre, Maire/);
    assert.match(one.body, /Date de mise en ligne/);
    assert.match(one.body, /Acte non encore exécutoire<\/strong> : en attente de transmission à la préfecture/);
    const sha = /Empreinte SHA-256 : <span class="empreinte">([0-9a-f]{64})<\/span>/.exec(one.body)?.[1];
    assert.ok(sha);
    const pdf = await publicGet(`/actes/${acteId}/A2026_001.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
    assert.equal(createHash('sha256').update(pdf.rawPayload).digest('hex'), sha);
    assert.match(pdf.rawPayload.toString('latin1'), /pdfaid:part>3</);
    assert.match(pdf.rawPayload.toString('latin1'), /DejaVuSans/);
    assert.equal((await publicGet(`/actes/${acteId}/A2026_002.pdf`)).statusCode, 404);
  });

  it('refuse un PDF qui n’en est pas un, un numéro déjà pris et la publication d’un acte non signé, sans rien changer', async () => {
    const before = await count();
    await agent.get('/admin/actes/nouveau');
    const dup = await agent.post('/admin/actes', arrete({ numero: 'A2026_001', objet: 'Autre arrêté' }));
    assert.equal(dup.statusCode, 409);
    assert.match(dup.body, /Le numéro A2026_001 est déjà attribué à un autre acte de la commune/);
    assert.equal(await count(), before);

    const created = await agent.post('/admin/actes', arrete({ objet: 'Arrêté à signer plus tard' }));
    const id = Number(/\/admin\/actes\/(\d+)/.exec(created.headers.location as string)?.[1]);
    await agent.get(`/admin/actes/${id}`);
    const notPdf = await multipart(`/admin/actes/${id}/document`, {}, [
      { field: 'document', name: 'arrete.pdf', bytes: Buffer.from('<html>pas un PDF</html>') },
    ]);
    assert.equal(notPdf.statusCode, 400);
    assert.match(notPdf.body, /Le contenu de ce fichier ne correspond à aucun format accepté. Formats acceptés : PDF/);
    const row = await t.db
      .selectFrom('acte')
      .select(['document_file_id', 'statut', 'publie_le'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.document_file_id, null);

    await agent.get(`/admin/actes/${id}`);
    const unsigned = await agent.post(`/admin/actes/${id}/publier`, {});
    assert.equal(unsigned.statusCode, 409);
    assert.match(unsigned.body, /L’acte doit être signé avant d’être publié/);
    const after = await t.db
      .selectFrom('acte')
      .select(['statut', 'publie_le'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(after, { statut: 'projet', publie_le: null });
    assert.doesNotMatch((await publicGet('/actes')).body, /Arrêté à signer plus tard/);

    const good = await multipart(`/admin/actes/${id}/document`, {}, [
      { field: 'document', name: 'signe.pdf', bytes: SMALL_PDF },
    ]);
    assert.equal(good.statusCode, 303);
  });

  it('répond 400 avec une page en français aux paramètres invalides du registre', async () => {
    for (const q of [
      'annee=abc',
      'page=0',
      'page=x',
      'nature=decret',
      'matiere=a.b',
      'seance=-1',
      'inconnu=1',
      'annee=2026&annee=2025',
    ]) {
      const res = await publicGet(`/actes?${q}`);
      assert.equal(res.statusCode, 400, q);
      assert.match(res.body, /<html lang="fr"/, q);
      assert.doesNotMatch(res.body, /at .*\.ts:\d+/);
    }
    assert.equal((await publicGet('/actes?page=999')).statusCode, 404);
    assert.equal((await publicGet('/actes/abc')).statusCode, 404);
    assert.equal((await publicGet('/actes/999999')).statusCode, 404);
    assert.equal((await publicGet('/actes/1/..%2F..%2Fetc.pdf')).statusCode, 404);
  });

  it('publie les délibérations au format SCDL, par année aussi, valides selon le schéma', async () => {
    for (const [i, over] of [
      {},
      { objet: 'Subvention, « comité des fêtes »', matiereCode: '7.5', dateDecision: '2025-06-12' },
      { objet: 'Motion pour la ligne de bus', matiereCode: '9.4', vote: null },
    ].entries()) {
      const { acteId: id } = await service.createDeliberation(ctx(), deliberationInput({ pointId: 900 + i, ...over }));
      await service.signActe(ctx(), { acteId: id });
      await service.publishActe(ctx(), { acteId: id });
      if (i === 0) {
        await service.recordTransmission(ctx(), {
          acteId: id,
          identifiant: '062-216299800-20261120-D2026_001-DE',
          transmisLe: '2026-11-21',
          arRecuLe: '2026-11-21',
        });
      }
    }
    // A projet is not published data.
    await service.createDeliberation(ctx(), deliberationInput({ pointId: 950, objet: 'Projet non publié' }));

    const res = await publicGet('/donnees/deliberations.csv', SITE);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
    assert.equal(res.headers['set-cookie'], undefined);
    const rows = await validCsv(res.body, delibSchema);
    assert.equal(rows.length, 3);
    assert.doesNotMatch(res.body, /Projet non publié/);
    for (const r of rows) {
      assert.ok(luhn(String(r.COLL_SIRET)), 'SIRET');
      const votes = ['VOTE_EFFECTIF', 'VOTE_REEL', 'VOTE_POUR', 'VOTE_CONTRE', 'VOTE_ABSTENTION'].map((k) => r[k]);
      assert.ok(votes.every((v) => v === null) || votes.every((v) => typeof v === 'number'), 'cohérence des votes');
      if (typeof r.VOTE_REEL === 'number') {
        assert.equal(r.VOTE_REEL, Number(r.VOTE_POUR) + Number(r.VOTE_CONTRE) + Number(r.VOTE_ABSTENTION));
        assert.ok(Number(r.VOTE_EFFECTIF) >= r.VOTE_REEL);
      }
      if (r.PREF_DATE) assert.ok(String(r.PREF_DATE) >= String(r.DELIB_DATE));
      assert.match(String(r.DELIB_MATIERE_NOM), /^[^,()A-Z]+\/[^,()A-Z]+$/);
    }
    const first = rows.find((r) => r.DELIB_OBJET === 'Tarifs de la cantine scolaire pour l’année 2027');
    assert.equal(first?.VOTE_EFFECTIF, 15);
    assert.equal(first?.VOTE_REEL, 14);
    assert.equal(first?.DELIB_MATIERE_NOM, 'finances locales/divers');
    assert.ok(first?.PREF_DATE);
    const url = new URL(String(first?.DELIB_URL));
    assert.equal(url.host, SITE);
    assert.equal((await publicGet(url.pathname)).statusCode, 200, 'DELIB_URL mène au PDF');

    const y2025 = await validCsv((await publicGet('/donnees/deliberations-2025.csv', SITE)).body, delibSchema);
    assert.deepEqual(
      y2025.map((r) => r.DELIB_OBJET),
      ['Subvention, « comité des fêtes »'],
    );
    assert.equal((await publicGet('/donnees/deliberations-20x5.csv')).statusCode, 404);

    // The module's dataset, with a file per year, is listed on the commune's open-data page.
    const donnees = await publicGet('/donnees');
    assert.equal(donnees.statusCode, 200);
    assert.match(donnees.body, /Délibérations du conseil municipal de Bellerive-sur-Lys/);
    assert.match(donnees.body, /href="\/donnees\/deliberations-2025.csv"/);
  });

  it('produit l’archive @CTES d’un acte et enregistre l’accusé de réception de la préfecture', async () => {
    await agent.get(`/admin/actes/${acteId}`);
    const res = await agent.get(`/admin/actes/${acteId}/ctes`);
    assert.equal(res.statusCode, 200);
    const name = /filename="([^"]+)"/.exec(String(res.headers['content-disposition']))?.[1] ?? '';
    assert.match(name, /^CLO-EACT--216299800--\d{8}-\d+\.tar\.gz$/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ctes-'));
    fs.writeFileSync(path.join(dir, name), res.rawPayload);
    await tar.extract({ file: path.join(dir, name), cwd: dir });
    const id = '062-216299800-20261120-A2026_001-AR';
    const entries = fs
      .readdirSync(dir)
      .filter((f) => f !== name)
      .sort();
    assert.deepEqual(
      entries,
      [name.replace(/^CLO-/, '').replace('.tar.gz', '.xml'), `${id}-1-1_0.xml`, `${id}-1-1_1.pdf`].sort(),
    );
    const xml = fs.readFileSync(path.join(dir, `${id}-1-1_0.xml`), 'latin1');
    const acte = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: true }).parse(
      xml,
    ).Acte;
    assert.equal(acte['@_NumeroInterne'], 'A2026_001');
    assert.equal(acte['@_CodeNatureActe'], '2');
    assert.equal(acte.CodeMatiere1['@_CodeMatiere'], '6');
    assert.equal(acte.Document.NomFichier, `${id}-1-1_1.pdf`);
    const pdf = fs.readFileSync(path.join(dir, `${id}-1-1_1.pdf`));
    const publicPdf = await publicGet(`/actes/${acteId}/A2026_001.pdf`);
    assert.ok(pdf.equals(publicPdf.rawPayload), 'le PDF transmis est celui publié');
    fs.rmSync(dir, { recursive: true, force: true });

    const ar = `<?xml version="1.0" encoding="ISO-8859-1"?>\n<actes:ARActe xmlns:actes="http://www.interieur.gouv.fr/ACTES#v1.1-20040216" actes:IDActe="${id}" actes:DateReception="2026-11-23"><actes:ActeRecu actes:Date="2026-11-20" actes:NumeroInterne="A2026_001" actes:CodeNatureActe="2"/><actes:ClassificationDateVersionEnCours>2025-03-14</actes:ClassificationDateVersionEnCours></actes:ARActe>`;
    await agent.get('/admin/actes');
    const up = await multipart('/admin/actes/retour-prefecture', {}, [
      { field: 'fichier', name: `${id}-1-2_0.xml`, bytes: Buffer.from(ar, 'latin1') },
    ]);
    assert.equal(up.statusCode, 303, up.body);
    const row = await t.db
      .selectFrom('acte')
      .select(['transmission_id', 'transmis_le', 'ar_recu_le'])
      .where('id', '=', acteId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { transmission_id: id, transmis_le: '2026-11-23', ar_recu_le: '2026-11-23' });
    // Published today, transmitted on the 23rd: exécutoire from the later of the two.
    const today = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(new Date());
    assert.match((await publicGet(`/actes/${acteId}`)).body, new RegExp(`Acte exécutoire</strong> depuis le ${today}`));

    const other = ar.replace('216299800', '999999999');
    const bad = await multipart('/admin/actes/retour-prefecture', {}, [
      { field: 'fichier', name: 'x.xml', bytes: Buffer.from(other) },
    ]);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Ce retour concerne une autre collectivité/);
  });

  it('importe des actes anciens tout ou rien, avec un rapport par ligne', async () => {
    await agent.get('/admin/actes/import');
    const header = 'numero;nature;objet;date_decision;matiere;auteur_nom;auteur_qualite;date_publication;fichier';
    const good = `${header}\nA2019_014;AR;Horaires de la déchetterie;12/03/2019;8.8;Jean Petit;Maire;14/03/2019;a2019-014.pdf\nD2019_003;DE;Budget primitif 2019;2019-04-02;7.1;Jean Petit;Maire;2019-04-05;d2019-003.pdf\n`;
    const zip = storedZip({
      'a2019-014.pdf': SMALL_PDF,
      'd2019-003.pdf': Buffer.concat([SMALL_PDF, Buffer.from('%2')]),
    });
    const before = await count();
    const bad = await multipart('/admin/actes/import', {}, [
      {
        field: 'csv',
        name: 'actes.csv',
        bytes: Buffer.from(good.replace('12/03/2019', '31/02/2019').replace('d2019-003.pdf\n', 'absent.pdf\n')),
      },
      { field: 'archive', name: 'pdf.zip', bytes: zip },
    ]);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /Aucun acte n’a été importé/);
    assert.match(bad.body, /Ligne 2 : La date de décision « 31\/02\/2019 » n’est pas une date valide/);
    assert.match(bad.body, /Ligne 3 : Le fichier absent.pdf est absent du dossier ou de l’archive/);
    assert.equal(await count(), before);
    const notPdf = await multipart('/admin/actes/import', {}, [
      { field: 'csv', name: 'actes.csv', bytes: Buffer.from(good) },
      {
        field: 'archive',
        name: 'pdf.zip',
        bytes: storedZip({ 'a2019-014.pdf': SMALL_PDF, 'd2019-003.pdf': Buffer.from('texte') }),
      },
    ]);
    assert.equal(notPdf.statusCode, 400);
    assert.match(notPdf.body, /Ligne 3 : Le fichier d2019-003.pdf n’est pas un PDF/);
    assert.equal(await count(), before);

    const ok = await multipart('/admin/actes/import', {}, [
      { field: 'csv', name: 'actes.csv', bytes: Buffer.from(good) },
      { field: 'archive', name: 'pdf.zip', bytes: zip },
    ]);
    assert.equal(ok.statusCode, 303, ok.body);
    assert.equal(await count(), before + 2);
    const list = await publicGet('/actes?annee=2019');
    assert.match(list.body, /Horaires de la déchetterie/);
    assert.match(list.body, /Budget primitif 2019/);
  });
});
