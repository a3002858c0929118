import assert from 'node:assert/strict';
import { after, before, beforeEach, it } from 'node:test';
import { createTestDb, describeEachEngine, type TestDb } from '../../../tests/helpers/db.js';
import { outcome } from '../../../tests/helpers/outcome.js';
import { CONTENT_CHANGE_JOB } from '../../core/http/page-cache.js';
import { JobRunner } from '../../core/jobs/index.js';
import type { Commune } from '../../core/tenancy/index.js';
import { confirmerAbonnement, demanderAbonnement } from './abonnement.service.js';
import { alerteInput, communeCtxFor, elu, linkToken, makeCommune, outbox, silentLog } from './alertes.factories.js';
import {
  bannerAlerte,
  creerAlerte,
  getAlerte,
  getPublicAlerte,
  listAdminAlertes,
  modifierAlerte,
  supprimerAlerte,
  terminerAlerte,
} from './alertes.service.js';
import { alertesJobHandlers } from './diffusion.service.js';

const BASE = 'https://bellerive.test';
const HOUR = 3_600_000;

describeEachEngine('alertes : publication et envoi aux abonnés', (engine) => {
  let t: TestDb;
  let a: Commune;
  let b: Commune;
  let now: Date;
  const ctx = (c: Commune) => communeCtxFor(t.db, c, () => now);
  const runJobs = () =>
    new JobRunner({
      db: t.db,
      now: () => now,
      log: silentLog,
      handlers: alertesJobHandlers({ publicUrl: BASE }),
    }).runDue();
  const code = (p: Promise<unknown>) => outcome(p);
  const contentVersion = async (c: Commune) =>
    (await t.db.selectFrom('commune').select('content_version').where('id', '=', c.id).executeTakeFirstOrThrow())
      .content_version;
  /** Subscribes and confirms an address in commune c; returns nothing, leaves the outbox empty. */
  const subscribe = async (c: Commune, email: string, confirm = true) => {
    await demanderAbonnement(ctx(c), { email, baseUrl: BASE });
    const mail = (await outbox(t.db, c.id)).find((m) => m.to_address === email);
    if (confirm) await confirmerAbonnement(ctx(c), linkToken(mail?.text_body ?? '', 'confirmer'));
    await t.db.deleteFrom('mail_outbox').execute();
  };

  before(async () => {
    t = await createTestDb(engine);
    now = new Date('2026-12-01T10:00:00.000Z');
    a = await makeCommune(t.db, '62021', 'Aire', now);
    b = await makeCommune(t.db, '62022', 'Béthune', now);
    await subscribe(a, 'un@exemple.fr');
    await subscribe(a, 'deux@exemple.fr');
    await subscribe(a, 'attente@exemple.fr', false);
    await subscribe(b, 'voisin@exemple.fr');
  });
  after(() => t.destroy());
  beforeEach(async () => {
    now = new Date('2026-12-01T10:00:00.000Z');
    await t.db.deleteFrom('alerte').execute();
    await t.db.deleteFrom('job').execute();
    await t.db.deleteFrom('mail_outbox').execute();
  });

  it('envoie une alerte qui commence tout de suite une fois à chaque abonné confirmé de la commune', async () => {
    const id = await creerAlerte(ctx(a), alerteInput(now, 0, 4, { title: 'Coupure <b>eau</b>' }));
    await runJobs();
    const mails = await outbox(t.db, a.id);
    assert.deepEqual(mails.map((m) => m.to_address).sort(), ['deux@exemple.fr', 'un@exemple.fr']);
    for (const m of mails) {
      assert.match(m.subject, /^\[Vigilance\] Coupure <b>eau<\/b> – Aire$/);
      assert.match(m.text_body, new RegExp(`${BASE}/alertes/${id}`));
      const unsubscribe = `${BASE}/alertes/desabonnement/${linkToken(m.text_body, 'desabonnement')}`;
      assert.equal(JSON.parse(m.headers ?? '{}')['List-Unsubscribe'], `<${unsubscribe}>`);
    }
    assert.equal(new Set(mails.map((m) => linkToken(m.text_body, 'desabonnement'))).size, 2);
    assert.equal((await outbox(t.db, b.id)).length, 0, 'commune B is not told');
    // Run again, edit it, run again: never a second mail.
    await runJobs();
    await modifierAlerte(ctx(a), id, alerteInput(now, -1, 5, { title: 'Coupure prolongée' }));
    now = new Date(now.getTime() + HOUR);
    await runJobs();
    assert.equal((await outbox(t.db, a.id)).length, 2);
    assert.ok((await getAlerte(ctx(a), id)).diffuseeAt);
  });

  it('envoie une alerte programmée à son début, pas avant, et pas si elle a été supprimée', async () => {
    await creerAlerte(ctx(a), alerteInput(now, 2, 4));
    const deleted = await creerAlerte(ctx(a), alerteInput(now, 2, 4, { title: 'Annulée' }));
    await supprimerAlerte(ctx(a), deleted);
    await runJobs();
    assert.equal((await outbox(t.db, a.id)).length, 0);
    now = new Date(now.getTime() + 2 * HOUR);
    await runJobs();
    const mails = await outbox(t.db, a.id);
    assert.equal(mails.length, 2);
    assert.ok(mails.every((m) => !m.subject.includes('Annulée')));
  });

  it('suit le nouveau début d’une alerte programmée déplacée', async () => {
    const id = await creerAlerte(ctx(a), alerteInput(now, 1, 4));
    await modifierAlerte(ctx(a), id, alerteInput(now, 3, 5));
    now = new Date(now.getTime() + HOUR);
    await runJobs();
    assert.equal((await outbox(t.db, a.id)).length, 0, 'not at the old start');
    now = new Date(now.getTime() + 2 * HOUR);
    await runJobs();
    assert.equal((await outbox(t.db, a.id)).length, 2, 'at the new start');
  });

  it('n’envoie pas une alerte déjà terminée quand la tâche passe', async () => {
    await creerAlerte(ctx(a), alerteInput(now, -5, -1));
    const ended = await creerAlerte(ctx(a), alerteInput(now, 1, 2));
    now = new Date(now.getTime() + 3 * HOUR);
    await runJobs();
    assert.equal((await outbox(t.db, a.id)).length, 0);
    assert.equal((await getAlerte(ctx(a), ended)).diffuseeAt, null);
  });

  it('annonce le début et la fin au cache des pages et change la version du contenu', async () => {
    const before = await contentVersion(a);
    const id = await creerAlerte(ctx(a), alerteInput(now, 1, 3));
    assert.equal(await contentVersion(a), before + 1);
    const changes = await t.db
      .selectFrom('job')
      .select('run_at')
      .where('name', '=', CONTENT_CHANGE_JOB)
      .where('commune_id', '=', a.id)
      .orderBy('run_at')
      .execute();
    assert.deepEqual(
      changes.map((c) => c.run_at),
      [new Date(now.getTime() + HOUR).toISOString(), new Date(now.getTime() + 3 * HOUR).toISOString()],
    );
    await supprimerAlerte(ctx(a), id);
    assert.equal(await contentVersion(a), before + 2);
  });

  it('choisit pour le bandeau l’alerte en cours la plus grave et compte les autres', async () => {
    await creerAlerte(ctx(a), alerteInput(now, -2, 2, { severity: 'information', title: 'Info' }));
    await creerAlerte(ctx(a), alerteInput(now, -1, 2, { severity: 'urgence', title: 'Urgence' }));
    await creerAlerte(ctx(a), alerteInput(now, 1, 2, { severity: 'urgence', title: 'Plus tard' }));
    const banner = await bannerAlerte({ db: t.db, commune: a, now });
    assert.equal(banner?.alerte.title, 'Urgence');
    assert.equal(banner?.others, 1);
    assert.equal(await bannerAlerte({ db: t.db, commune: b, now }), null);
  });

  it('termine une alerte en cours maintenant, et refuse de terminer une alerte à venir', async () => {
    const current = await creerAlerte(ctx(a), alerteInput(now, -1, 5));
    const upcoming = await creerAlerte(ctx(a), alerteInput(now, 1, 5));
    await terminerAlerte(ctx(a), current);
    assert.equal((await getAlerte(ctx(a), current)).endsAt, now.toISOString());
    assert.equal(await bannerAlerte({ db: t.db, commune: a, now }), null);
    assert.equal(await code(terminerAlerte(ctx(a), upcoming)), 'Conflict');
    const list = await listAdminAlertes(ctx(a));
    assert.deepEqual([list.current.length, list.upcoming.length, list.past.length, list.abonnes], [0, 1, 1, 2]);
  });

  it('inscrit au journal chaque création, modification, fin, suppression et envoi', async () => {
    const id = await creerAlerte(ctx(a), alerteInput(now, -1, 5));
    await modifierAlerte(ctx(a), id, alerteInput(now, -1, 6));
    await runJobs();
    await terminerAlerte(ctx(a), id);
    await supprimerAlerte(ctx(a), id);
    const actions = await t.db
      .selectFrom('audit_event')
      .select('action')
      .where('commune_id', '=', a.id)
      .where('object_type', '=', 'alerte')
      .where('object_id', '=', String(id))
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      actions.map((x) => x.action),
      ['alerte.created', 'alerte.updated', 'alerte.diffusee', 'alerte.ended', 'alerte.deleted'],
    );
  });

  it('garde une révision à chaque enregistrement', async () => {
    const id = await creerAlerte(ctx(a), alerteInput(now, 1, 5));
    await modifierAlerte(ctx(a), id, alerteInput(now, 1, 6, { title: 'Nouveau titre' }));
    const revisions = await t.db
      .selectFrom('revision')
      .select('data')
      .where('entity_type', '=', 'alerte')
      .where('entity_id', '=', id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      revisions.map((r) => (JSON.parse(r.data) as { title: string }).title),
      ['Coupure d’eau rue des Écoles', 'Nouveau titre'],
    );
  });

  it('isole les communes : B ne lit, ne modifie, ne termine ni ne supprime les alertes de A', async () => {
    const id = await creerAlerte(ctx(a), alerteInput(now, -1, 5));
    assert.equal(await code(getAlerte(ctx(b), id)), 'NotFound');
    assert.equal(await code(getPublicAlerte({ db: t.db, commune: b, now }, id)), 'NotFound');
    assert.equal(await code(modifierAlerte(ctx(b), id, alerteInput(now, 0, 1, { title: 'Piraté' }))), 'NotFound');
    assert.equal(await code(terminerAlerte(ctx(b), id)), 'NotFound');
    assert.equal(await code(supprimerAlerte(ctx(b), id)), 'NotFound');
    const kept = await getAlerte(ctx(a), id);
    assert.equal(kept.title, 'Coupure d’eau rue des Écoles');
    assert.equal(kept.endsAt, new Date(now.getTime() + 5 * HOUR).toISOString());
    assert.equal((await listAdminAlertes(ctx(b))).current.length, 0);
  });

  it('réserve la gestion des alertes au personnel de la mairie, pas aux élus', async () => {
    const asElu = communeCtxFor(t.db, a, () => now, elu);
    assert.equal(await code(creerAlerte(asElu, alerteInput(now, 0, 1))), 'Forbidden');
    assert.equal(await code(listAdminAlertes(asElu)), 'Forbidden');
    assert.equal((await listAdminAlertes(ctx(a))).current.length, 0);
  });
});
