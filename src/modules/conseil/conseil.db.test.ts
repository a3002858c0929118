import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import { createTestDb, describeEachEngine, type TestDb } from '../../../tests/helpers/db.js';
import { outcome } from '../../../tests/helpers/outcome.js';
import { sha256Hex } from '../../core/crypto.js';
import { DiskFileStore } from '../../core/files/index.js';
import type { Commune } from '../../core/tenancy/index.js';
import { listActesOfSeance } from '../actes/index.js';
import { approuverPv, finaliserDeliberation, publierListe, publierPv, savePv, signerPv } from './apres.service.js';
import { seedConseilDemo } from './conseil.demo.js';
import { agent, ctxFor, makeCommune, makeMembres, makeSeance } from './conseil.factories.js';
import { publicConseil, publicSeanceById } from './conseil.public.js';
import { addPoint, getDossier } from './conseil.service.js';
import { envoyerConvocation, ouvrirConvocation } from './convocation.service.js';
import { ajouterProcuration, enregistrerPresences, enregistrerTour, enregistrerVote } from './seance.service.js';

const code = (p: Promise<unknown>) => outcome(p, 'message');

const point = (titre: string, nomination = false) => ({
  titre,
  rapporteurId: null,
  note: 'Le projet est prêt.',
  matiereCode: null,
  nomination,
});

const vote = (pour: number, contre: number, abstention = 0, npp = 0) => ({
  demandesPublic: 0,
  demandesSecret: 0,
  secretRenonce: false,
  figures: { pour, contre, abstention, npp },
  votePresident: null,
  nominatifs: new Map<number, string>(),
});

describeEachEngine('conseil municipal : séances, votes, délibérations', (engine) => {
  let t: TestDb;
  let a: Commune;
  let b: Commune;
  let now = new Date('2026-11-20T09:00:00Z');
  const clock = () => now;
  let ids: number[] = [];

  before(async () => {
    t = await createTestDb(engine);
    a = await makeCommune(t.db, '62011', 'alpha', now);
    b = await makeCommune(t.db, '62012', 'beta', now);
    ids = await makeMembres(ctxFor(t.db, a, clock), 15);
  });
  after(() => t.destroy());

  const ctx = () => ctxFor(t.db, a, clock);
  const presents = (seanceId: number, absent: number[]) =>
    enregistrerPresences(
      ctx(),
      seanceId,
      ids.map((id) => ({
        membreId: id,
        statut: absent.includes(id) ? 'absent' : 'present',
        arriveePoint: null,
        departPoint: null,
      })),
    );

  it('envoie la convocation : un courriel par membre avec un lien dont seul le condensé est gardé', async () => {
    const s = await makeSeance(ctx(), '2026-11-24');
    await addPoint(ctx(), s, point('Budget'));
    const r = await envoyerConvocation(ctx(), { seanceId: s, baseUrl: 'https://alpha.test' });
    assert.deepEqual(r, { envoyes: 12, papier: 3, enRetard: false });
    const mails = await t.db
      .selectFrom('mail_outbox')
      .select(['to_address', 'text_body'])
      .where('commune_id', '=', a.id)
      .execute();
    assert.equal(mails.length, 12);
    const token = /convocation\/([A-Za-z0-9_-]{43})/.exec(mails[0]?.text_body ?? '')?.[1] ?? '';
    assert.equal(token.length, 43);
    const rows = await t.db.selectFrom('conseil_convocation').select('token_hash').execute();
    assert.ok(rows.some((x) => x.token_hash === sha256Hex(token)));
    assert.ok(!rows.some((x) => x.token_hash === token));
    const opened = await ouvrirConvocation(ctxFor(t.db, a, clock, { kind: 'system', label: 'visitor' }), token);
    assert.equal(opened.dossier.seance.id, s);
    const d = await getDossier(ctx(), s);
    assert.equal(d.convocations.filter((c) => c.ouverteLe !== null).length, 1);
    assert.match(await code(envoyerConvocation(ctx(), { seanceId: s, baseUrl: 'x' })), /Conflict: .*déjà envoyée/);
    const audit = await t.db
      .selectFrom('audit_event')
      .select('action')
      .where('commune_id', '=', a.id)
      .where('action', '=', 'conseil.convocation_sent')
      .execute();
    assert.equal(audit.length, 1);
  });

  it('signale une convocation tardive (moins de trois jours francs)', async () => {
    const s = await makeSeance(ctx(), '2026-11-22');
    await addPoint(ctx(), s, point('Urgence'));
    const r = await envoyerConvocation(ctx(), { seanceId: s, baseUrl: 'https://alpha.test' });
    assert.equal(r.enRetard, true);
    const d = await getDossier(ctx(), s);
    assert.deepEqual(d.delai && { francs: d.delai.francs, requis: d.delai.requis }, { francs: 1, requis: 3 });
  });

  it('refuse une seconde procuration au même mandataire, sans rien changer', async () => {
    const s = await makeSeance(ctx(), '2026-11-30');
    await addPoint(ctx(), s, point('Voirie'));
    await envoyerConvocation(ctx(), { seanceId: s, baseUrl: 'x' });
    await presents(s, [ids[13] as number, ids[14] as number]);
    await ajouterProcuration(ctx(), s, {
      mandantId: ids[13] as number,
      mandataireId: ids[1] as number,
      maladie: false,
    });
    const refused = await code(
      ajouterProcuration(ctx(), s, { mandantId: ids[14] as number, mandataireId: ids[1] as number, maladie: false }),
    );
    assert.match(refused, /^Conflict: Prénom2 Nom2 détient déjà la procuration de Prénom14 Nom14/);
    const d = await getDossier(ctx(), s);
    assert.equal(d.procurations.length, 1);
    assert.deepEqual(d.ouverture.composition.representes, [ids[13]]);
  });

  it('refuse un vote dont les nombres ne font pas le total, sans rien changer ; puis l’enregistre', async () => {
    const s = await makeSeance(ctx(), '2026-12-01');
    const p = await addPoint(ctx(), s, point('Tarifs'));
    await envoyerConvocation(ctx(), { seanceId: s, baseUrl: 'x' });
    await presents(s, [ids[14] as number]);
    const refused = await code(enregistrerVote(ctx(), s, p, vote(10, 2)));
    assert.match(refused, /^Invalid: Les voix ne correspondent pas : 12 voix saisies .* 14 membres/);
    let d = await getDossier(ctx(), s);
    assert.equal(d.points[0]?.pour, null);
    assert.equal(
      await code(enregistrerVote(ctxFor(t.db, a, clock, agent), s, p, vote(12, 2))),
      'Forbidden: Vous n’avez pas les droits nécessaires pour cette action.',
    );
    assert.deepEqual(await enregistrerVote(ctx(), s, p, vote(7, 7)), { resultat: 'rejete' });
    d = await getDossier(ctx(), s);
    assert.equal(d.points[0]?.pour, 7);
    assert.equal(d.points[0]?.resultat, 'rejete');
  });

  it('refuse de délibérer sans quorum ; une séance de reconvocation délibère sans quorum', async () => {
    const s = await makeSeance(ctx(), '2026-12-02');
    const p = await addPoint(ctx(), s, point('Éclairage'));
    await envoyerConvocation(ctx(), { seanceId: s, baseUrl: 'x' });
    await presents(s, ids.slice(7));
    assert.match(
      await code(enregistrerVote(ctx(), s, p, vote(7, 0))),
      /^Conflict: Le quorum n’est pas atteint .* 7 membres présents, 8 requis/,
    );
    assert.match(
      await code(makeSeance(ctx(), '2026-12-04', { reconvocationDe: s })),
      /^Invalid: La séance n’a pas été enregistrée/,
    );
    const s2 = await makeSeance(ctx(), '2026-12-05', { reconvocationDe: s });
    const p2 = await addPoint(ctx(), s2, point('Éclairage'));
    await envoyerConvocation(ctx(), { seanceId: s2, baseUrl: 'x' });
    await presents(s2, ids.slice(4));
    assert.deepEqual(await enregistrerVote(ctx(), s2, p2, vote(4, 0)), { resultat: 'adopte' });
  });

  it('finalise la délibération en acte (effectif = membres en exercice), sans doublon', async () => {
    const s = await makeSeance(ctx(), '2026-12-03', { presidentId: ids[0] as number, secretaireId: ids[1] as number });
    const p = await addPoint(ctx(), s, point('Subvention'));
    assert.match(await code(finaliserDeliberation(ctx(), s, p)), /^Conflict: Enregistrez d’abord le vote/);
    await envoyerConvocation(ctx(), { seanceId: s, baseUrl: 'x' });
    await presents(s, [ids[14] as number]);
    await ajouterProcuration(ctx(), s, {
      mandantId: ids[14] as number,
      mandataireId: ids[2] as number,
      maladie: false,
    });
    await enregistrerVote(ctx(), s, p, vote(13, 1, 1, 0));
    const r = await finaliserDeliberation(ctx(), s, p);
    const actes = await listActesOfSeance(ctx(), s);
    assert.equal(actes.length, 1);
    assert.equal(actes[0]?.id, r.acteId);
    const row = await t.db.selectFrom('acte').selectAll().where('id', '=', r.acteId).executeTakeFirstOrThrow();
    const v = row as unknown as Record<string, unknown>;
    assert.equal(v.auteur_nom, 'Prénom1 Nom1');
    assert.match(String(v.texte), /Vu le code général/);
    assert.ok(Object.values(v).includes(15), 'effectif 15 recorded');
    assert.match(await code(finaliserDeliberation(ctx(), s, p)), /^InvalidTransition/);
    await publierListe(ctx(), s);
    now = new Date('2026-12-10T09:00:00Z');
    const pub = await publicConseil(ctxFor(t.db, a, clock, { kind: 'system', label: 'visitor' }));
    assert.equal(pub.passees.find((x) => x.seance.id === s)?.deliberations, 1);
    const seance = await publicSeanceById(ctxFor(t.db, a, clock, { kind: 'system', label: 'visitor' }), s);
    assert.equal(seance.deliberations?.[0]?.acte?.numero, r.numero);
    now = new Date('2026-11-20T09:00:00Z');
  });

  it('mène le procès-verbal du brouillon à la publication, approuvé à une séance suivante', async () => {
    const s = await makeSeance(ctx(), '2026-12-06');
    await addPoint(ctx(), s, point('Divers'));
    await envoyerConvocation(ctx(), { seanceId: s, baseUrl: 'x' });
    assert.match(await code(approuverPv(ctx(), s, s)), /^InvalidTransition/);
    await savePv(ctx(), s, 'Procès-verbal de la séance');
    assert.match(await code(approuverPv(ctx(), s, s)), /^Invalid: .*postérieure/);
    const later = await makeSeance(ctx(), '2026-12-20');
    await addPoint(ctx(), later, point('Approbation du PV'));
    await envoyerConvocation(ctx(), { seanceId: later, baseUrl: 'x' });
    await approuverPv(ctx(), s, later);
    assert.match(await code(publierPv(ctx(), s)), /^InvalidTransition/);
    await signerPv(ctx(), s);
    await publierPv(ctx(), s);
    const d = await getDossier(ctx(), s);
    assert.equal(d.seance.pvStatut, 'publie');
    const events = await t.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', '=', 'conseil.pv_approved')
      .execute();
    assert.equal(events.length, 1);
  });

  it('nomme au troisième tour le plus âgé en cas d’égalité', async () => {
    const s = await makeSeance(ctx(), '2026-12-07');
    const p = await addPoint(ctx(), s, point('Délégué au syndicat', true));
    await envoyerConvocation(ctx(), { seanceId: s, baseUrl: 'x' });
    await presents(s, []);
    const tour = (voix: [number, number][]) =>
      enregistrerTour(ctx(), s, p, {
        votants: 15,
        blancsNuls: 1,
        voix: new Map(voix),
        demandesPublic: 0,
        demandesSecret: 0,
        secretRenonce: false,
      });
    const [x, y] = [ids[4] as number, ids[9] as number];
    assert.deepEqual(
      await tour([
        [x, 7],
        [y, 7],
      ]),
      { eluId: null, tour: 1 },
    );
    assert.deepEqual(
      await tour([
        [x, 7],
        [y, 7],
      ]),
      { eluId: null, tour: 2 },
    );
    assert.deepEqual(
      await tour([
        [x, 7],
        [y, 7],
      ]),
      { eluId: x, tour: 3 },
    );
    const d = await getDossier(ctx(), s);
    assert.equal(d.points[0]?.resultat, 'nomme');
    assert.equal(d.points[0]?.modeScrutin, 'secret');
  });

  it('ne laisse pas la commune B lire ni changer les séances de la commune A', async () => {
    const s = await makeSeance(ctx(), '2026-12-08');
    const ctxB = ctxFor(t.db, b, clock);
    assert.match(await code(getDossier(ctxB, s)), /^NotFound/);
    assert.match(await code(addPoint(ctxB, s, point('Intrusion'))), /^NotFound/);
    assert.match(await code(envoyerConvocation(ctxB, { seanceId: s, baseUrl: 'x' })), /^NotFound/);
  });

  it('sème la démonstration : 15 élus, deux séances votées et finalisées, une séance convoquée', async () => {
    const c = await makeCommune(t.db, '62013', 'gamma', now, 2043);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'conseil-demo-'));
    const files = new DiskFileStore(dir);
    await seedConseilDemo({ ...ctxFor(t.db, c, clock, { kind: 'system', label: 'demo' }), files });
    fs.rmSync(dir, { recursive: true, force: true });
    const pub = await publicConseil(ctxFor(t.db, c, clock, { kind: 'system', label: 'visitor' }));
    assert.equal(pub.membres.length, 15);
    assert.equal(pub.aVenir.length, 1);
    assert.equal(pub.passees.length, 2);
    assert.deepEqual(
      pub.passees.map((x) => x.deliberations),
      [2, 3],
    );
    const visitor = ctxFor(t.db, c, clock, { kind: 'system', label: 'visitor' });
    const delibs = (await Promise.all(pub.passees.map((x) => publicSeanceById(visitor, x.seance.id)))).flatMap(
      (x) => x.deliberations ?? [],
    );
    assert.equal(delibs.length, 5);
    const first = await publicSeanceById(visitor, pub.passees[1]?.seance.id ?? 0);
    assert.match(first.pv ?? '', /Procès-verbal de la séance/);
    assert.ok(
      delibs.every((x) => x.acte?.enLigne),
      'every délibération is signed, transmitted and published',
    );
    const transmis = await t.db
      .selectFrom('acte')
      .select(['transmission_id', 'ar_recu_le'])
      .where('commune_id', '=', c.id)
      .execute();
    assert.ok(
      transmis.every((x) => /^062-216299800-\d{8}-[A-Z0-9_]+-DE$/.test(x.transmission_id ?? '') && x.ar_recu_le),
    );
  });
});
