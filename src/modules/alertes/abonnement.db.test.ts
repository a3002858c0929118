import assert from 'node:assert/strict';
import { after, before, beforeEach, it } from 'node:test';
import { createTestDb, describeEachEngine, type TestDb } from '../../../tests/helpers/db.js';
import { outcome } from '../../../tests/helpers/outcome.js';
import type { Commune } from '../../core/tenancy/index.js';
import {
  confirmerAbonnement,
  demanderAbonnement,
  desabonner,
  findConfirmation,
  findDesabonnement,
} from './abonnement.service.js';
import { communeCtxFor, linkToken, makeCommune, outbox } from './alertes.factories.js';

const BASE = 'https://bellerive.test';
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describeEachEngine('alertes : abonnement par courriel', (engine) => {
  let t: TestDb;
  let a: Commune;
  let b: Commune;
  let now: Date;
  const ctx = (c: Commune) => communeCtxFor(t.db, c, () => now);
  const ask = (c: Commune, email: string) => demanderAbonnement(ctx(c), { email, baseUrl: BASE });
  const code = (p: Promise<unknown>) => outcome(p);
  const abonnes = (c: Commune) =>
    t.db.selectFrom('alerte_abonne').select(['email', 'status']).where('commune_id', '=', c.id).orderBy('id').execute();
  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };

  before(async () => {
    t = await createTestDb(engine);
    now = new Date('2026-12-01T10:00:00.000Z');
    a = await makeCommune(t.db, '62011', 'Aubigny', now);
    b = await makeCommune(t.db, '62012', 'Berck', now);
  });
  after(() => t.destroy());
  beforeEach(async () => {
    await t.db.deleteFrom('alerte_jeton').execute();
    await t.db.deleteFrom('alerte_abonne').execute();
    await t.db.deleteFrom('mail_outbox').execute();
  });

  it('crée un abonnement en attente et met en file un courriel de confirmation avec lien de désabonnement', async () => {
    await ask(a, '  Marie.Curie@Exemple.fr ');
    assert.deepEqual(await abonnes(a), [{ email: 'marie.curie@exemple.fr', status: 'en_attente' }]);
    const [mail, ...rest] = await outbox(t.db, a.id);
    assert.equal(rest.length, 0);
    assert.ok(mail);
    assert.equal(mail.to_address, 'marie.curie@exemple.fr');
    assert.match(mail.subject, /Confirmez votre abonnement aux alertes de Aubigny/);
    assert.match(mail.text_body, /https:\/\/bellerive\.test\/alertes\/abonnement\/confirmer\/[A-Za-z0-9_-]{40,}/);
    const unsubscribe = `${BASE}/alertes/desabonnement/${linkToken(mail.text_body, 'desabonnement')}`;
    assert.deepEqual(JSON.parse(mail.headers ?? '{}'), {
      'List-Unsubscribe': `<${unsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    const tokens = await t.db.selectFrom('alerte_jeton').select('id').execute();
    assert.equal(tokens.length, 2);
    for (const { id } of tokens) assert.ok(!mail.text_body.includes(id), 'the table holds hashes only');
  });

  it('confirme une seule fois par lien, puis le lien ne sert plus', async () => {
    await ask(a, 'jean@exemple.fr');
    const token = linkToken((await outbox(t.db, a.id))[0]?.text_body ?? '', 'confirmer');
    assert.deepEqual(await findConfirmation(ctx(a), token), { email: 'jean@exemple.fr' });
    await confirmerAbonnement(ctx(a), token);
    assert.deepEqual(await abonnes(a), [{ email: 'jean@exemple.fr', status: 'confirme' }]);
    assert.equal(await code(confirmerAbonnement(ctx(a), token)), 'NotFound');
    assert.equal(await code(findConfirmation(ctx(a), token)), 'NotFound');
    assert.equal(await code(confirmerAbonnement(ctx(a), 'x'.repeat(43))), 'NotFound');
    const events = await t.db
      .selectFrom('audit_event')
      .select('action')
      .where('commune_id', '=', a.id)
      .where('action', '=', 'alertes.abonnement_confirme')
      .execute();
    assert.equal(events.length, 1);
  });

  it('refuse un lien de confirmation de plus de 7 jours et efface la demande jamais confirmée', async () => {
    await ask(a, 'tardif@exemple.fr');
    const token = linkToken((await outbox(t.db, a.id))[0]?.text_body ?? '', 'confirmer');
    advance(7 * DAY - 1);
    assert.deepEqual(await findConfirmation(ctx(a), token), { email: 'tardif@exemple.fr' });
    advance(1);
    assert.equal(await code(confirmerAbonnement(ctx(a), token)), 'NotFound');
    await ask(a, 'autre@exemple.fr');
    assert.deepEqual(await abonnes(a), [{ email: 'autre@exemple.fr', status: 'en_attente' }]);
  });

  it('renvoie une confirmation à une demande en attente, mais pas plus d’une fois en 5 minutes', async () => {
    await ask(a, 'lea@exemple.fr');
    await ask(a, 'lea@exemple.fr');
    assert.equal((await outbox(t.db, a.id)).length, 1);
    advance(5 * MINUTE);
    await ask(a, 'LEA@exemple.fr');
    const mails = await outbox(t.db, a.id);
    assert.equal(mails.length, 2);
    assert.equal((await abonnes(a)).length, 1);
    // Both links work until used or expired.
    await confirmerAbonnement(ctx(a), linkToken(mails[0]?.text_body ?? '', 'confirmer'));
    assert.equal((await abonnes(a))[0]?.status, 'confirme');
  });

  it('prévient un abonné déjà confirmé au lieu de lui redemander une confirmation', async () => {
    await ask(a, 'paul@exemple.fr');
    await confirmerAbonnement(ctx(a), linkToken((await outbox(t.db, a.id))[0]?.text_body ?? '', 'confirmer'));
    advance(10 * MINUTE);
    await ask(a, 'paul@exemple.fr');
    const mails = await outbox(t.db, a.id);
    assert.equal(mails.length, 2);
    assert.match(mails[1]?.text_body ?? '', /Vous êtes déjà abonné\(e\)/);
    assert.doesNotMatch(mails[1]?.text_body ?? '', /confirmer\//);
    assert.match(mails[1]?.text_body ?? '', /\/alertes\/desabonnement\//);
    assert.deepEqual(await abonnes(a), [{ email: 'paul@exemple.fr', status: 'confirme' }]);
  });

  it('désabonne par le lien du courriel, efface l’adresse et ses liens, et le lien ne sert plus', async () => {
    await ask(a, 'ines@exemple.fr');
    const text = (await outbox(t.db, a.id))[0]?.text_body ?? '';
    await confirmerAbonnement(ctx(a), linkToken(text, 'confirmer'));
    const token = linkToken(text, 'desabonnement');
    assert.deepEqual(await findDesabonnement(ctx(a), token), { email: 'ines@exemple.fr' });
    await desabonner(ctx(a), token);
    assert.deepEqual(await abonnes(a), []);
    assert.equal((await t.db.selectFrom('alerte_jeton').select('id').execute()).length, 0);
    assert.equal(await code(desabonner(ctx(a), token)), 'NotFound');
    assert.equal(await code(findDesabonnement(ctx(a), token)), 'NotFound');
  });

  it('ne confond pas les liens de confirmation et de désabonnement', async () => {
    await ask(a, 'zoe@exemple.fr');
    const text = (await outbox(t.db, a.id))[0]?.text_body ?? '';
    assert.equal(await code(desabonner(ctx(a), linkToken(text, 'confirmer'))), 'NotFound');
    assert.equal(await code(confirmerAbonnement(ctx(a), linkToken(text, 'desabonnement'))), 'NotFound');
    assert.equal((await abonnes(a)).length, 1);
  });

  it('isole les communes : les liens de A ne servent pas sur le site de B', async () => {
    await ask(a, 'hugo@exemple.fr');
    const text = (await outbox(t.db, a.id))[0]?.text_body ?? '';
    assert.equal(await code(findConfirmation(ctx(b), linkToken(text, 'confirmer'))), 'NotFound');
    assert.equal(await code(confirmerAbonnement(ctx(b), linkToken(text, 'confirmer'))), 'NotFound');
    assert.equal(await code(desabonner(ctx(b), linkToken(text, 'desabonnement'))), 'NotFound');
    assert.deepEqual(await abonnes(a), [{ email: 'hugo@exemple.fr', status: 'en_attente' }]);
    // The same address may subscribe to B separately.
    await ask(b, 'hugo@exemple.fr');
    assert.deepEqual(await abonnes(b), [{ email: 'hugo@exemple.fr', status: 'en_attente' }]);
  });

  it('traite deux demandes simultanées pour la même adresse sans erreur', async () => {
    await Promise.all([ask(a, 'duo@exemple.fr'), ask(a, 'duo@exemple.fr'), ask(a, 'duo@exemple.fr')]);
    assert.equal((await abonnes(a)).length, 1);
    assert.equal((await outbox(t.db, a.id)).length, 1);
  });
});
