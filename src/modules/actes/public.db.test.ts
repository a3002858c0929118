import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createTestDb, describeEachEngine, type TestDb } from '../../../tests/helpers/db.js';
import { type Commune, TenantScope } from '../../core/tenancy/index.js';
import { makeCommune } from './actes.factories.js';
import { type RegisterFilters, registerYears, searchRegister } from './public.repo.js';
import { deliberationsBatch } from './scdl.repo.js';

describeEachEngine('actes : recherche dans le registre public', (engine) => {
  let t: TestDb;
  let a: Commune;
  let b: Commune;
  const now = new Date('2026-11-21T09:00:00Z');
  const none: RegisterFilters = { terms: [], nature: null, matiere: null, annee: null, seance: null };
  const scope = (c: Commune = a) => new TenantScope(t.db, c.id);
  const numeros = (r: { items: { numero: string }[] }) => r.items.map((x) => x.numero);

  /** Acts 0..29 of commune A: one a month from 2024, several on the same day; a few not public. */
  before(async () => {
    t = await createTestDb(engine);
    a = await makeCommune(t.db, '62001', 'Avesnes', now);
    b = await makeCommune(t.db, '62002', 'Bours', now);
    const stamp = now.toISOString();
    const row = (commune: Commune, i: number) => {
      const day = `${2024 + Math.floor(i / 12)}-${String(1 + (i % 12)).padStart(2, '0')}-${i % 3 === 0 ? '10' : '20'}`;
      const hidden = i === 5 || i === 6;
      return {
        commune_id: commune.id,
        numero: `T${String(i).padStart(3, '0')}`,
        nature: i === 6 ? 'arrete_individuel' : i % 2 === 0 ? 'deliberation' : 'arrete_reglementaire',
        matiere_code: i % 4 === 0 ? '7.10' : '6.1',
        matiere_libelle: null,
        objet: `${i % 3 === 0 ? 'Brocante' : 'Voirie'} de la rue ${i}`,
        date_decision: i >= 24 ? '2026-01-15' : day,
        auteur_nom: 'Claire Delattre',
        auteur_qualite: 'Maire',
        texte: `Le conseil municipal décide, concernant ${i % 5 === 0 ? 'école' : 'église'}.`,
        statut: i === 6 ? 'notifie' : hidden ? 'signe' : 'publie',
        publie_le: hidden ? null : stamp,
        transmission_requise: 0,
        importe: 1,
        created_at: stamp,
        updated_at: stamp,
      };
    };
    await t.db
      .insertInto('acte')
      .values(Array.from({ length: 30 }, (_, i) => row(a, i)))
      .execute();
    await t.db
      .insertInto('acte')
      .values([row(b, 0)])
      .execute();
  });
  after(() => t.destroy());

  /** The public acts of A, newest decision first (the register's order), as numbers. */
  const expected = (keep: (i: number) => boolean) =>
    Array.from({ length: 30 }, (_, i) => i)
      .filter((i) => i !== 5 && i !== 6 && keep(i))
      .map((i) => ({
        i,
        d: i >= 24 ? '2026-01-15' : `${2024 + Math.floor(i / 12)}-${String(1 + (i % 12)).padStart(2, '0')}`,
      }))
      .sort((x, y) => (x.d === y.d ? y.i - x.i : x.d < y.d ? 1 : -1))
      .map((x) => `T${String(x.i).padStart(3, '0')}`);

  it('compte exactement sous le plafond, et donne la même page, dans le même ordre, au-delà', async () => {
    const all = expected(() => true);
    assert.equal(all.length, 28);
    const exact = await searchRegister(scope(), none, { limit: 5, offset: 0 });
    assert.deepEqual([exact.total, exact.more], [28, false]);
    assert.deepEqual(numeros(exact), all.slice(0, 5));

    for (const offset of [0, 5, 25]) {
      const capped = await searchRegister(scope(), none, { limit: 5, offset }, 10);
      const counted = await searchRegister(scope(), none, { limit: 5, offset });
      assert.deepEqual(numeros(capped), all.slice(offset, offset + 5), `page à ${offset}`);
      assert.deepEqual(numeros(counted), all.slice(offset, offset + 5), `page à ${offset}`);
    }
    // More than `cap` acts past the page's start: a lower bound, flagged.
    const first = await searchRegister(scope(), none, { limit: 5, offset: 0 }, 10);
    assert.deepEqual([first.total, first.more], [11, true]);
    // Near the end, the rest is counted exactly.
    const last = await searchRegister(scope(), none, { limit: 5, offset: 25 }, 10);
    assert.deepEqual([last.total, last.more], [28, false]);
    // Past the end: nothing, and the exact total (the page answers 404).
    const past = await searchRegister(scope(), none, { limit: 5, offset: 40 }, 10);
    assert.deepEqual([past.items.length, past.total, past.more], [0, 28, false]);
  });

  it('trouve par mots (sans accent, en début de mot) et par filtres, avec ou sans plafond', async () => {
    const cases: [Partial<RegisterFilters>, (i: number) => boolean][] = [
      [{ terms: ['brocante'] }, (i) => i % 3 === 0],
      [{ terms: ['eco'] }, (i) => i % 5 === 0],
      [{ terms: ['eglise', 'voirie'] }, (i) => i % 5 !== 0 && i % 3 !== 0],
      [{ nature: 'deliberation', annee: 2025 }, (i) => i % 2 === 0 && i >= 12 && i < 24],
      [{ matiere: '7' }, (i) => i % 4 === 0],
      [{ terms: ['brocante'], matiere: '7' }, (i) => i % 12 === 0],
      [{ terms: ['kermesse'] }, () => false],
    ];
    for (const [over, keep] of cases) {
      const f = { ...none, ...over };
      const want = expected(keep);
      for (const cap of [2, 1000]) {
        const r = await searchRegister(scope(), f, { limit: 4, offset: 0 }, cap);
        assert.deepEqual(numeros(r), want.slice(0, 4), `${JSON.stringify(over)}, plafond ${cap}`);
        assert.equal(r.more, want.length > cap, `${JSON.stringify(over)}, plafond ${cap}`);
        if (!r.more) assert.equal(r.total, want.length);
      }
    }
  });

  it('ne montre ni les actes non publiés ni les décisions individuelles ni ceux d’une autre commune', async () => {
    const r = await searchRegister(scope(), none, { limit: 50, offset: 0 });
    assert.ok(!numeros(r).includes('T005') && !numeros(r).includes('T006'));
    const other = await searchRegister(scope(b), none, { limit: 50, offset: 0 });
    assert.deepEqual([numeros(other), other.total], [['T000'], 1]);
    assert.deepEqual(await registerYears(scope()), [2026, 2025, 2024]);
    assert.deepEqual(await registerYears(scope(b)), [2024]);
  });

  it('l’export SCDL lit les délibérations publiées lot après lot, sans doublon ni oubli aux dates partagées', async () => {
    const dayOf = (i: number) =>
      i >= 24
        ? '2026-01-15'
        : `${2024 + Math.floor(i / 12)}-${String(1 + (i % 12)).padStart(2, '0')}-${i % 3 === 0 ? '10' : '20'}`;
    // Délibérations are the even acts; act 6 is an individual decision.
    const wanted = (year: number | null) =>
      Array.from({ length: 30 }, (_, i) => i)
        .filter((i) => i % 2 === 0 && i !== 6 && (year === null || dayOf(i).startsWith(`${year}-`)))
        .sort((x, y) => (dayOf(x) === dayOf(y) ? x - y : dayOf(x) < dayOf(y) ? -1 : 1))
        .map((i) => `T${String(i).padStart(3, '0')}`);
    for (const year of [null, 2025, 2026]) {
      const got: string[] = [];
      let last: { date: string; id: number } | null = null;
      for (;;) {
        const batch = await deliberationsBatch(scope(), last, year, 2);
        got.push(...batch.map((d) => d.numero));
        const end = batch.at(-1);
        if (!end || batch.length < 2) break;
        last = { date: end.dateDecision, id: end.id };
      }
      assert.deepEqual(got, wanted(year), `year ${year}`);
    }
  });
});
