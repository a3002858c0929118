import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, it } from 'node:test';
import pino from 'pino';
import { createTestDb, describeEachEngine, type TestDb } from '../../../tests/helpers/db.js';
import { systemClock } from '../../core/clock.js';
import { type CommuneCtx, type PlatformCtx, systemActor } from '../../core/context.js';
import { addCommune } from '../../core/tenancy/index.js';
import { renderRapportPdf } from './barometre.pdf.js';
import * as repo from './barometre.repo.js';
import { changeCampagneStatut, createCampagne, getCampagne } from './campagnes.service.js';
import { importReponses } from './import.service.js';
import { REFERENCE_EDITION } from './questionnaire.data.js';
import { allQuestions } from './questionnaire.types.js';
import { getCommuneBarometre, saveCommuneReponse } from './reponse.service.js';
import { computeResultats } from './resultats.service.js';
import { eligibleCommunes } from './sample.js';
import { generateSample, sampleCsv } from './sample.rules.js';

const NO_PREFILL = { valeurs: {}, codes: [] };

/** The band of a population, written again here so that the test does not trust the code under test. */
const bandOf = (population: number) =>
  population < 500 ? 'moins_500' : population < 2000 ? '500_1999' : population < 3500 ? '2000_3499' : '3500_9999';

describeEachEngine('baromètre : campagnes, imports et réponses des communes', (engine) => {
  let t: TestDb;
  let ctx: PlatformCtx;
  let communeA: CommuneCtx;
  let communeB: CommuneCtx;
  const annee = 2025;
  const list = eligibleCommunes();
  const sample = generateSample(REFERENCE_EDITION, list, 650, 650);

  before(async () => {
    t = await createTestDb(engine);
    ctx = { db: t.db, now: systemClock, log: pino({ level: 'silent' }), actor: systemActor('test') };
    const [a, b] = [list.find((c) => c.population === 2043) ?? list[0]!, list.find((c) => c.population < 500)!];
    const hosted = sample.map((s) => s.commune.code);
    if (hosted.includes(a.code) || hosted.includes(b.code)) throw new Error('pick other hosted communes');
    communeA = { ...ctx, commune: await addCommune(ctx, { insee: a.code }) };
    communeB = { ...ctx, commune: await addCommune(ctx, { insee: b.code }) };
    await createCampagne(ctx, { annee, edition: REFERENCE_EDITION.edition });
    await changeCampagneStatut(ctx, annee, 'ouvrir');
  });
  after(() => t.destroy());

  it('importe 650 communes générées et retrouve les parts d’un calcul indépendant', async () => {
    const outcome = await importReponses(ctx, { annee, csv: sampleCsv(REFERENCE_EDITION, sample), filename: 'a.csv' });
    assert.deepEqual(outcome, { ok: true, count: 650 });
    const r = await computeResultats(t.db, await getCampagne(ctx, annee));
    assert.equal(r.stats.repondants.ensemble, 650);
    let compared = 0;
    for (const q of allQuestions(REFERENCE_EDITION).filter((x) => x.options)) {
      for (const group of ['ensemble', 'moins_500', '500_1999', '2000_3499', '3500_9999'] as const) {
        const rows = sample.filter(
          (s) => s.valeurs[q.code] !== undefined && (group === 'ensemble' || bandOf(s.commune.population) === group),
        );
        const g = r.stats.questions[q.code]!.groups[group];
        assert.equal(g.n, rows.length, `${q.code} ${group}`);
        if (rows.length < 5) {
          assert.ok(g.secret);
          continue;
        }
        if (g.secret) continue;
        for (const o of q.options!) {
          const count = rows.filter((s) => {
            const v = s.valeurs[q.code];
            return Array.isArray(v) ? v.includes(o.code) : v === o.code;
          }).length;
          assert.ok(Math.abs(g.parts![o.code]!.part - count / rows.length) < 1e-12, `${q.code} ${group} ${o.code}`);
          compared++;
        }
      }
    }
    assert.ok(compared > 200, `only ${compared} shares compared`);
  });

  it('n’importe rien d’un fichier dont une ligne est refusée, et signale chaque ligne', async () => {
    const extra = generateSample(
      REFERENCE_EDITION,
      list.filter((c) => !sample.some((s) => s.commune.code === c.code)),
      4,
      9,
    );
    const lines = sampleCsv(REFERENCE_EDITION, extra).trim().split('\n');
    const header = lines[0]!.split(';');
    const withChoice = lines[2]!.split(';');
    withChoice[header.indexOf('cyberattaque')] = 'souvent';
    const csv = [
      lines[0],
      lines[1],
      withChoice.join(';'),
      lines[3]!.replace(/^\w+/, '00000'),
      lines[1],
      lines[4],
      `${sample[0]!.commune.code};${lines[4]!.split(';').slice(1).join(';')}`,
      `${communeA.commune.insee};${lines[4]!.split(';').slice(1).join(';')}`,
    ].join('\n');
    const outcome = await importReponses(ctx, { annee, csv, filename: 'b.csv' });
    assert.equal(outcome.ok, false);
    const rejets = outcome.ok ? [] : outcome.rejets;
    assert.deepEqual(
      rejets.map((r) => [r.ligne, r.colonne]),
      [
        [3, 'cyberattaque'],
        [4, 'code_insee'],
        [5, 'code_insee'],
        [7, 'code_insee'],
        [8, 'code_insee'],
      ],
    );
    assert.match(rejets[2]!.motif, /déjà présente ligne 2/);
    assert.match(rejets[3]!.motif, /déjà une réponse/);
    assert.match(rejets[4]!.motif, /hébergée/);
    const noColumn = lines.map((l) =>
      l
        .split(';')
        .filter((_, i) => i !== header.indexOf('fibre'))
        .join(';'),
    );
    const missing = await importReponses(ctx, { annee, csv: noColumn.join('\n'), filename: 'c.csv' });
    assert.equal(missing.ok, false);
    assert.deepEqual(missing.ok ? [] : missing.rejets.map((r) => [r.ligne, r.colonne, r.motif]), [
      [1, 'fibre', 'Colonne manquante.'],
    ]);
    const r = await computeResultats(t.db, await getCampagne(ctx, annee));
    assert.equal(r.stats.repondants.ensemble, 650, 'nothing half-imported');
  });

  it('garde une seule réponse par commune et par campagne, finale une fois soumise', async () => {
    await saveCommuneReponse(communeA, {
      annee,
      valeurs: { site_internet: 'non' },
      soumettre: false,
      prefill: NO_PREFILL,
    });
    await saveCommuneReponse(communeA, {
      annee,
      valeurs: { site_internet: 'oui', site_usages: ['actualites'] },
      soumettre: false,
      prefill: { valeurs: { site_internet: 'oui' }, codes: ['site_internet'] },
    });
    const mine = await getCommuneBarometre(communeA);
    assert.equal(mine.answer.reponse?.statut, 'brouillon');
    assert.deepEqual(mine.answer.valeurs, { site_internet: 'oui', site_usages: ['actualites'] });
    assert.deepEqual(mine.answer.reponse?.preremplies, ['site_internet']);
    await assert.rejects(
      saveCommuneReponse(communeA, { annee, valeurs: {}, soumettre: true, prefill: NO_PREFILL }),
      (e: { code?: string; fields?: Record<string, string> }) =>
        e.code === 'Invalid' && 'q_cyberattaque' in (e.fields ?? {}),
    );
    const full = sample[1]!.valeurs;
    await saveCommuneReponse(communeA, { annee, valeurs: full, soumettre: true, prefill: NO_PREFILL });
    await assert.rejects(
      saveCommuneReponse(communeA, { annee, valeurs: full, soumettre: false, prefill: NO_PREFILL }),
      (e: { code?: string }) => e.code === 'Conflict',
    );
    const campagne = await getCampagne(ctx, annee);
    const rows = await t.db
      .selectFrom('barometre_reponse')
      .select('id')
      .where('campagne_id', '=', campagne.id)
      .where('insee', '=', communeA.commune.insee)
      .execute();
    assert.equal(rows.length, 1);
    await assert.rejects(
      repo.insertOwnReponse(
        new repo.RespondentScope(t.db, communeA.commune.insee),
        campagne.id,
        {
          nom: 'x',
          population: 1,
          tranche: 'moins_500',
          valeurs: '{}',
          preremplies: '[]',
          statut: 'brouillon',
          submittedAt: null,
          submittedBy: null,
        },
        new Date().toISOString(),
      ),
    );
    const audit = await t.db
      .selectFrom('audit_event')
      .select('action')
      .where('commune_id', '=', communeA.commune.id)
      .execute();
    assert.ok(audit.some((a) => a.action === 'barometre.reponse.soumise'));
  });

  it('une commune ne lit ni ne modifie la réponse d’une autre', async () => {
    await saveCommuneReponse(communeB, { annee, valeurs: { fibre: 'non' }, soumettre: false, prefill: NO_PREFILL });
    const b = await getCommuneBarometre(communeB);
    assert.deepEqual(b.answer.valeurs, { fibre: 'non' });
    const campagne = await getCampagne(ctx, annee);
    const scopeB = new repo.RespondentScope(t.db, communeB.commune.insee);
    const aId = (await repo.findOwnReponse(new repo.RespondentScope(t.db, communeA.commune.insee), campagne.id))!.id;
    assert.equal((await repo.listOwnReponses(scopeB)).length, 1);
    assert.ok((await repo.listOwnReponses(scopeB)).every((r) => r.id !== aId));
    const fields = {
      nom: 'x',
      population: 1,
      tranche: 'moins_500',
      valeurs: '{"fibre":"oui"}',
      preremplies: '[]',
      statut: 'brouillon' as const,
      submittedAt: null,
      submittedBy: null,
    };
    const bId = (await repo.findOwnReponse(scopeB, campagne.id))!.id;
    const scopeA = new repo.RespondentScope(t.db, communeA.commune.insee);
    assert.equal(await repo.updateOwnDraft(scopeA, bId, fields, new Date().toISOString()), false);
    assert.deepEqual((await getCommuneBarometre(communeB)).answer.valeurs, { fibre: 'non' });
  });

  it('fige les statistiques à la clôture et produit le rapport PDF, dont chaque page s’affiche avec pdftoppm', async () => {
    const live = await computeResultats(t.db, await getCampagne(ctx, annee));
    await changeCampagneStatut(ctx, annee, 'clore');
    const r = await computeResultats(t.db, await getCampagne(ctx, annee));
    assert.deepEqual(r.stats, live.stats, 'the statistics frozen at closing are those computed');
    const { pdf, pages } = await renderRapportPdf(r, new Date('2026-11-28T10:00:00Z'));
    assert.ok(pages >= 2 + REFERENCE_EDITION.themes.length + 1, `${pages} pages`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barometre-pdf-'));
    try {
      fs.writeFileSync(path.join(dir, 'rapport.pdf'), pdf);
      const info = spawnSync('pdfinfo', [path.join(dir, 'rapport.pdf')], { encoding: 'utf8' });
      assert.equal(info.status, 0, info.stderr);
      assert.match(info.stdout, new RegExp(`Pages:\\s+${pages}\\n`));
      const ppm = spawnSync('pdftoppm', ['-r', '20', '-png', path.join(dir, 'rapport.pdf'), path.join(dir, 'p')], {
        encoding: 'utf8',
      });
      assert.equal(ppm.status, 0, ppm.stderr);
      assert.equal(ppm.stderr.trim(), '', 'pdftoppm reported problems');
      assert.equal(fs.readdirSync(dir).filter((f) => f.endsWith('.png')).length, pages);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
