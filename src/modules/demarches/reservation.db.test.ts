import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { createTestDb, describeEachEngine, type TestDb } from '../../../tests/helpers/db.js';
import { AppError } from '../../core/errors.js';
import type { Commune } from '../../core/tenancy/index.js';
import { contactValues, ctxFor, makeCommune, secretaire } from './demarches.factories.js';
import { deposerDemande } from './demarches.service.js';
import { changerStatut } from './instruction.service.js';
import { enregistrerSalles, listCreneauxPris } from './reservation.service.js';

const DAY = 86_400_000;

describeEachEngine('démarches : réservation de salle', (engine) => {
  let t: TestDb;
  let a: Commune;
  let now = new Date('2026-11-27T10:00:00Z');
  const clock = () => now;
  const booking = (date: string, creneau = 'soiree', email = 'lea.martin@exemple.fr') => ({
    slug: 'reservation-salle',
    values: contactValues({ salle: 'salle-des-fetes', date, creneau, objet: 'Anniversaire', personnes: '40', email }),
    file: null,
    canal: 'en_ligne' as const,
    baseUrl: 'https://alpha.test',
  });

  before(async () => {
    t = await createTestDb(engine);
    a = await makeCommune(t.db, '62011', 'alpha', now);
    await enregistrerSalles(ctxFor(t.db, a, clock), [
      { slug: 'salle-des-fetes', nom: 'Salle des fêtes', capacite: 150, tarifs: '150 € le week-end.', description: '' },
    ]);
  });
  after(() => t.destroy());

  it('200 demandes simultanées du même créneau : une seule le retient, les autres reçoivent un message clair', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) =>
        deposerDemande(ctxFor(t.db, a, clock), booking('2027-01-16', 'soiree', `p${i}@exemple.fr`)),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    assert.equal(ok.length, 1);
    assert.equal(refused.length, 199);
    for (const r of refused) {
      assert.ok(r.reason instanceof AppError && r.reason.code === 'Conflict', String(r.reason));
      assert.match((r.reason as AppError).fields.creneau ?? '', /vient d’être demandé par quelqu’un d’autre/);
    }
    const holds = await t.db.selectFrom('salle_creneau').select('id').where('date', '=', '2027-01-16').execute();
    assert.equal(holds.length, 1);
    const demandes = await t.db.selectFrom('demande').select('id').where('commune_id', '=', a.id).execute();
    assert.equal(demandes.length, 1, 'a refused booking leaves no request behind');
  });

  it('libère le créneau d’une demande refusée, et celui d’une demande en attente après le délai', async () => {
    const first = await deposerDemande(ctxFor(t.db, a, clock), booking('2027-02-06'));
    await assert.rejects(deposerDemande(ctxFor(t.db, a, clock), booking('2027-02-06')), /vient d’être demandé/);
    await changerStatut(ctxFor(t.db, a, clock, secretaire), {
      id: first.id,
      to: 'refusee',
      motif: 'Salle en travaux.',
    });
    const second = await deposerDemande(ctxFor(t.db, a, clock), booking('2027-02-06'));
    assert.ok((await listCreneauxPris(ctxFor(t.db, a, clock))).some((c) => c.date === '2027-02-06'));
    now = new Date(now.getTime() + 8 * DAY);
    const third = await deposerDemande(ctxFor(t.db, a, clock), booking('2027-02-06'));
    const hold = await t.db
      .selectFrom('salle_creneau')
      .select('demande_id')
      .where('date', '=', '2027-02-06')
      .executeTakeFirstOrThrow();
    assert.equal(hold.demande_id, third.id);
    const note = await t.db
      .selectFrom('demande_evenement')
      .select('body')
      .where('demande_id', '=', second.id)
      .where('kind', '=', 'note')
      .executeTakeFirstOrThrow();
    assert.match(note.body, /délai de réservation est dépassé/);
  });

  it('confirme le créneau d’une demande acceptée : il ne se libère plus', async () => {
    const d = await deposerDemande(ctxFor(t.db, a, clock), booking('2027-03-06', 'matin'));
    await changerStatut(ctxFor(t.db, a, clock, secretaire), {
      id: d.id,
      to: 'acceptee',
      motif: 'Réservation confirmée.',
    });
    now = new Date(now.getTime() + 30 * DAY);
    await assert.rejects(
      deposerDemande(ctxFor(t.db, a, clock), booking('2027-03-06', 'matin')),
      /vient d’être demandé/,
    );
  });

  it('refuse une date passée', async () => {
    await assert.rejects(deposerDemande(ctxFor(t.db, a, clock), booking('2026-01-01')), (e: AppError) =>
      /à partir de demain/.test(e.fields.date ?? ''),
    );
  });
});
