import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, it } from 'node:test';
import { createTestDb, describeEachEngine, type TestDb } from '../../../tests/helpers/db.js';
import { outcome } from '../../../tests/helpers/outcome.js';
import { listAuditEvents } from '../../core/audit/index.js';
import type { Actor } from '../../core/context.js';
import type { Commune } from '../../core/tenancy/index.js';
import { createActe, getActeDetail } from './acte-edit.service.js';
import { seedActesDemo } from './actes.demo.js';
import { actesCtx, makeCommune, makeMember, tempFileStore } from './actes.factories.js';
import type { ActeInput } from './actes.schemas.js';
import * as service from './actes.service.js';
import { classificationOverview, importClassification } from './classification.service.js';
import { getPublicActe, searchPublicActes } from './public.service.js';
import { verifyRegistre } from './registre.verify.js';
import { getActesReglage, saveActesReglage } from './reglage.service.js';

const fixture = fs.readFileSync(
  new URL('../../../tests/fixtures/actes/classification-062.xml', import.meta.url),
  'latin1',
);

const input = (over: Partial<ActeInput> = {}): ActeInput => ({
  nature: 'arrete_reglementaire',
  numero: '',
  objet: 'Circulation alternée rue du Moulin',
  dateDecision: '2026-11-10',
  matiereCode: '6.1',
  auteurNom: 'Marie Lefebvre',
  auteurQualite: 'Maire',
  texte: 'Arrête :\n\nArticle 1 : la circulation est alternée.',
  transmissionException: null,
  contratAuDessusDuSeuil: false,
  ...over,
});

const query = { q: '', nature: null, matiere: null, annee: null, seance: null, page: 1 };

describeEachEngine('actes : registre d’intégrité, démo, isolement', (engine) => {
  let t: TestDb;
  let a: Commune;
  let b: Commune;
  let sa: Actor;
  let sb: Actor;
  const files = tempFileStore();
  const now = new Date('2026-11-21T09:00:00Z');
  const ctx = (commune: Commune = a) => actesCtx(t.db, commune, () => now, files, commune === a ? sa : sb);
  const code = (p: Promise<unknown>) => outcome(p, 'message');

  before(async () => {
    t = await createTestDb(engine);
    a = await makeCommune(t.db, '62001', 'Avesnes', now, { population: 850 });
    b = await makeCommune(t.db, '62002', 'Bours', now, { population: 5200 });
    sa = await makeMember(t.db, a, now);
    sb = await makeMember(t.db, b, now);
  });
  after(() => {
    fs.rmSync(files.rootDir, { recursive: true, force: true });
    return t.destroy();
  });

  it('sème la démo : arrêtés publiés, un individuel notifié absent du registre public, un retiré', async () => {
    await seedActesDemo(ctx());
    const page = await searchPublicActes(ctx(), query);
    assert.equal(page.total, 4);
    assert.ok(page.items.every((x) => x.nature !== 'arrete_individuel'));
    const retire = page.items.find((x) => x.statut === 'retire');
    assert.equal(retire?.finMotif, 'Remplacé par l’arrêté intercommunal sur les déchetteries');
    assert.equal(page.items.filter((x) => x.executoire.executoire).length, 1, 'seul l’arrêté transmis est exécutoire');
    const all = await t.db.selectFrom('acte').select(['statut', 'notifie_le']).where('commune_id', '=', a.id).execute();
    assert.ok(all.some((r) => r.statut === 'notifie' && r.notifie_le === '2026-10-21'));
    assert.deepEqual((await verifyRegistre(t.db, files, a.id)).problems, []);
  });

  it('détecte un fichier altéré et une ligne modifiée après publication', async () => {
    const id = await createActe(ctx(), input({ objet: 'Arrêté à protéger' }));
    await service.signActe(ctx(), { acteId: id });
    await service.publishActe(ctx(), { acteId: id });
    const clean = await verifyRegistre(t.db, files, a.id);
    assert.deepEqual(clean.problems, []);
    assert.ok(clean.entries >= 5);

    const d = await getActeDetail(ctx(), id);
    const sha = d.document?.sha256 as string;
    const file = files.pathOf(sha);
    const original = fs.readFileSync(file);
    fs.writeFileSync(file, Buffer.concat([original, Buffer.from('%% altéré')]));
    await t.db.updateTable('acte').set({ objet: 'Objet réécrit en douce' }).where('id', '=', id).execute();
    const report = await verifyRegistre(t.db, files, a.id);
    assert.deepEqual(
      report.problems.map((p) => [p.acteId, p.problem]),
      [
        [id, `act ${d.acte.numero} changed since its publication`],
        [id, `document ${sha} of act ${d.acte.numero} altered or missing`],
      ],
    );
    // Put things back: the register verifies again.
    fs.writeFileSync(file, original);
    await t.db.updateTable('acte').set({ objet: 'Arrêté à protéger' }).where('id', '=', id).execute();
    assert.deepEqual((await verifyRegistre(t.db, files, a.id)).problems, []);
    // An entry rewritten in the register itself breaks the chain.
    const entry2 = (
      await t.db
        .selectFrom('acte_registre')
        .select('recorded_at')
        .where('commune_id', '=', a.id)
        .where('seq', '=', 2)
        .executeTakeFirstOrThrow()
    ).recorded_at;
    await t.db
      .updateTable('acte_registre')
      .set({ recorded_at: '2020-01-01T00:00:00.000Z' })
      .where('commune_id', '=', a.id)
      .where('seq', '=', 2)
      .execute();
    assert.deepEqual(
      (await verifyRegistre(t.db, files, a.id)).problems.map((p) => [p.seq, p.problem]),
      [[2, 'entry altered']],
    );
    await t.db
      .updateTable('acte_registre')
      .set({ recorded_at: entry2 })
      .where('commune_id', '=', a.id)
      .where('seq', '=', 2)
      .execute();
  });

  it('refuse un second acte avec le même numéro, et retire un acte sans le supprimer', async () => {
    const id = await createActe(ctx(), input({ numero: 'A2026_900' }));
    assert.match(
      await code(createActe(ctx(), input({ numero: 'A2026_900' }))),
      /^Conflict: Le numéro A2026_900 est déjà attribué/,
    );
    assert.match(
      await code(service.endActe(ctx(), { acteId: id, kind: 'retrait', date: '2026-11-21', motif: 'x' })),
      /^InvalidTransition: Un projet d’acte n’a pas à être retiré/,
    );
    await service.signActe(ctx(), { acteId: id });
    await service.publishActe(ctx(), { acteId: id });
    await service.endActe(ctx(), {
      acteId: id,
      kind: 'annulation',
      date: '2026-12-01',
      motif: 'Jugement du TA de Lille',
    });
    const d = await getPublicActe(ctx(), id);
    assert.equal(d.acte.statut, 'annule');
    assert.equal(d.executoire.executoire, false);
    const actions = (await listAuditEvents(t.db, a.id, 500))
      .filter((e) => e.objectId === String(id))
      .map((e) => e.action);
    assert.deepEqual(actions.reverse(), ['acte.created', 'acte.signed', 'acte.published', 'acte.annulled']);
    assert.deepEqual((await verifyRegistre(t.db, files, a.id)).problems, []);
  });

  it('n’ouvre jamais les actes d’une commune à une autre', async () => {
    const id = await createActe(ctx(), input({ objet: 'Acte de la commune A' }));
    await service.signActe(ctx(), { acteId: id });
    await service.publishActe(ctx(), { acteId: id });
    assert.match(await code(getPublicActe(ctx(b), id)), /^NotFound/);
    assert.match(await code(getActeDetail(ctx(b), id)), /^NotFound/);
    assert.match(await code(service.publishActe(ctx(b), { acteId: id })), /^NotFound/);
    assert.match(
      await code(service.endActe(ctx(b), { acteId: id, kind: 'retrait', date: '2026-12-01', motif: 'x' })),
      /^NotFound/,
    );
    assert.equal((await searchPublicActes(ctx(b), { ...query, q: 'commune' })).total, 0);
    assert.deepEqual((await verifyRegistre(t.db, files, b.id)).problems, []);
  });

  it('versionne la classification importée ; les actes gardent leur version', async () => {
    const before = await createActe(ctx(b), input({ matiereCode: '8.3' }));
    assert.equal((await getActeDetail(ctx(b), before)).acte.classificationDate, null);
    const c = await importClassification(ctx(b), fixture);
    assert.equal(c.dateVersion, '2025-03-14');
    assert.match(
      await code(importClassification(ctx(b), fixture)),
      /^Conflict: La classification du 2025-03-14 est déjà importée/,
    );
    const after = await createActe(ctx(b), input({ matiereCode: '6.1.2', objet: 'Débit de boissons' }));
    const d = (await getActeDetail(ctx(b), after)).acte;
    assert.deepEqual(
      [d.matiereCode, d.matiereLibelle, d.classificationDate],
      ['6.1.2', 'Police des debits de boissons', '2025-03-14'],
    );
    assert.equal((await getActeDetail(ctx(b), before)).acte.classificationDate, null);
    assert.match(
      await code(createActe(ctx(b), input({ matiereCode: '6.9' }))),
      /classification de la préfecture du 2025-03-14/,
    );
    assert.equal((await classificationOverview(ctx(b))).versions.length, 1);
  });

  it('enregistre le mode de publicité choisi par le conseil sous 3 500 habitants seulement', async () => {
    assert.equal((await getActesReglage(ctx())).modeEnVigueur, 'electronique');
    const choix = {
      publiciteMode: 'affichage' as const,
      publiciteDeliberation: 'D2022_014',
      publiciteDeliberationDate: '2022-06-28',
      arrondissement: '2',
      referentNom: '',
      referentEmail: '',
      referentTelephone: '',
    };
    await saveActesReglage(ctx(), choix);
    const r = await getActesReglage(ctx());
    assert.deepEqual([r.modeEnVigueur, r.publiciteDeliberation, r.choixPossible], ['affichage', 'D2022_014', true]);
    const id = await createActe(ctx(), input({ objet: 'Affiché en mairie' }));
    await service.signActe(ctx(), { acteId: id });
    await service.publishActe(ctx(), { acteId: id });
    assert.equal((await getPublicActe(ctx(), id)).acte.publiciteMode, 'affichage');
    assert.match(await code(saveActesReglage(ctx(b), choix)), /^Invalid: Les communes de 3 500 habitants et plus/);
    assert.equal((await getActesReglage(ctx(b))).modeEnVigueur, 'electronique');
  });
});
