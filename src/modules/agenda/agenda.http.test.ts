import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { buildTestApp, TEST_ACCOUNTS, TEST_PASSWORD, type TestApp } from '../../../tests/helpers/app.js';
import { describeEachEngine } from '../../../tests/helpers/db.js';
import { InjectClient } from '../../../tests/helpers/http.js';
import { addDays, toParisLocal } from '../../core/paris-time.js';

const EVENT = {
  slug: '',
  description: '<p>Entrée libre.</p>',
  startTime: '',
  endDate: '',
  endTime: '',
  lieu: 'Salle des fêtes',
  adresse: '',
};

describeEachEngine('agenda sur le web', (engine) => {
  let t: TestApp;
  let secretaire: InjectClient;
  const visitor = () => new InjectClient(t.app);
  const inDays = (n: number) => addDays(toParisLocal(new Date()).date, n);
  const announce = async (fields: Record<string, string>) => {
    await secretaire.get('/admin/agenda/nouveau');
    const res = await secretaire.post('/admin/agenda', { ...EVENT, ...fields });
    assert.equal(res.statusCode, 303, res.body.slice(0, 800));
    return String(res.headers.location).replace(/\?.*$/, '');
  };
  const publish = async (path: string) => {
    await secretaire.get(path);
    assert.equal((await secretaire.post(`${path}/publier`, {})).statusCode, 303);
    return /name="slug"[^>]*value="([^"]+)"/.exec((await secretaire.get(path)).body)?.[1] ?? '';
  };

  before(async () => {
    t = await buildTestApp(engine);
    secretaire = new InjectClient(t.app);
    await secretaire.signIn(TEST_ACCOUNTS.secretaire, TEST_PASSWORD);
  });
  after(() => t.close());

  it('montre les événements à venir groupés par mois, en français', async () => {
    const res = await visitor().get('/agenda');
    assert.equal(res.statusCode, 200);
    const months = [...res.body.matchAll(/<h2 id="mois-(\d{4}-\d{2})" class="agenda-month__title">([^<]+)<\/h2>/g)];
    assert.ok(months.length >= 3);
    for (const [, key, label] of months) {
      assert.match(
        label ?? '',
        /^(janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre) \d{4}$/,
      );
      assert.equal(label?.slice(-4), key?.slice(0, 4));
    }
    assert.match(res.body, /Marché de Noël/);
    assert.doesNotMatch(res.body, /Chasse aux œufs/, 'le brouillon n’apparaît pas');
    assert.match(res.body, /href="\/agenda\.ics"/);
  });

  it('sert l’iCalendar de tous les événements à venir, en UTC', async () => {
    const res = await visitor().get('/agenda.ics');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'text/calendar; charset=utf-8');
    assert.match(res.body, /^BEGIN:VCALENDAR\r\n/);
    assert.match(res.body, /END:VCALENDAR\r\n$/);
    assert.match(res.body, /BEGIN:VEVENT\r\n[\s\S]*?SUMMARY:Marché de Noël\r\n/);
    assert.match(res.body, /DTSTART:\d{8}T\d{6}Z\r\n/);
    assert.doesNotMatch(res.body, /TZID|Chasse aux/);
    assert.equal((res.body.match(/BEGIN:VEVENT/g) ?? []).length, 8);
  });

  it('enregistre l’heure de Paris en UTC et la rend dans le .ics de l’événement', async () => {
    const path = await announce({
      title: 'Feu d’artifice',
      startDate: '2027-07-14',
      startTime: '22:30',
      endTime: '23:15',
    });
    const slug = await publish(path);
    assert.equal(slug, 'feu-d-artifice');
    const row = await t.db
      .selectFrom('evenement')
      .select(['starts_at', 'ends_at'])
      .where('slug', '=', slug)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { starts_at: '2027-07-14T20:30:00.000Z', ends_at: '2027-07-14T21:15:00.000Z' });
    const ics = await visitor().get(`/agenda/${slug}.ics`);
    assert.equal(ics.statusCode, 200);
    assert.equal(ics.headers['content-type'], 'text/calendar; charset=utf-8');
    assert.equal((ics.body.match(/BEGIN:VEVENT/g) ?? []).length, 1);
    assert.match(ics.body, /DTSTART:20270714T203000Z\r\n/);
    assert.match(ics.body, /DTEND:20270714T211500Z\r\n/);
    assert.match(ics.body, /SUMMARY:Feu d’artifice\r\n/);
    const page = await visitor().get(`/agenda/${slug}`);
    assert.match(page.body, /mercredi 14 juillet 2027, de 22 h 30 à 23 h 15/);
    assert.match(page.body, /href="\/agenda\/feu-d-artifice\.ics"/);
  });

  it('écrit un événement de toute la journée en dates dans le .ics', async () => {
    const path = await announce({ title: 'Ducasse', allDay: 'on', startDate: '2027-06-05', endDate: '2027-06-06' });
    const slug = await publish(path);
    const ics = (await visitor().get(`/agenda/${slug}.ics`)).body;
    assert.match(ics, /DTSTART;VALUE=DATE:20270605\r\n/);
    assert.match(ics, /DTEND;VALUE=DATE:20270607\r\n/);
    assert.match((await visitor().get(`/agenda/${slug}`)).body, /du samedi 5 juin 2027 au dimanche 6 juin 2027/);
  });

  it('signale les erreurs de date, d’heure et de lieu et garde les valeurs saisies', async () => {
    await secretaire.get('/admin/agenda/nouveau');
    const res = await secretaire.post('/admin/agenda', {
      ...EVENT,
      title: 'Réunion publique',
      description: '<p>Ordre du jour.</p>',
      startDate: '2027-02-10',
      startTime: '20:00',
      endTime: '18:00',
      lieu: '',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Le formulaire contient 2 erreurs/);
    assert.match(res.body, /Le lieu est obligatoire/);
    assert.match(res.body, /La fin de l’événement ne peut pas précéder son début/);
    assert.match(res.body, /value="Réunion publique"/);
    assert.match(res.body, /value="2027-02-10"/);
    assert.match(res.body, /value="20:00"/);
    const gap = await secretaire.post('/admin/agenda', {
      ...EVENT,
      title: 'Nuit blanche',
      startDate: '2027-03-28',
      startTime: '02:30',
      endTime: '05:00',
    });
    assert.equal(gap.statusCode, 400);
    assert.match(gap.body, /passage à l’heure d’été/);
    const missing = await secretaire.post('/admin/agenda', { ...EVENT, title: 'Sans date', startDate: 'demain' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /La date de début n’est pas valide/);
  });

  it('affiche un script ou un onerror comme du texte, jamais exécutable', async () => {
    const path = await announce({
      title: '<img src=x onerror=alert(1)> Kermesse',
      description: '<p>Jeux</p><script>alert("x")</script><img src="y" onerror="alert(2)">',
      startDate: inDays(20),
      startTime: '10:00',
      endTime: '17:00',
      lieu: '<script>alert("lieu")</script>',
    });
    const slug = await publish(path);
    for (const url of [`/agenda/${slug}`, '/agenda']) {
      const res = await visitor().get(url);
      assert.equal(res.statusCode, 200, url);
      assert.doesNotMatch(res.body, /<script>alert|<img src=x|onerror="/, url);
      assert.match(res.body, /&lt;img src=x onerror=alert\(1\)> Kermesse/, url);
    }
  });

  it('répond 404 à un événement inconnu, brouillon, ou à un .ics mal formé', async () => {
    for (const url of [
      '/agenda/inconnu',
      '/agenda/inconnu.ics',
      '/agenda/chasse-aux-oeufs-de-paques',
      '/agenda/chasse-aux-oeufs-de-paques.ics',
      '/agenda/Marche',
      '/agenda/.ics',
      '/agenda/marche-de-noel.ics.ics',
    ]) {
      const res = await visitor().get(url);
      assert.equal(res.statusCode, 404, url);
    }
  });

  it('montre une modification dès la requête suivante malgré le cache des pages', async () => {
    const path = await announce({ title: 'Balade contée', startDate: inDays(9), startTime: '15:00', endTime: '16:30' });
    const slug = await publish(path);
    assert.match((await visitor().get(`/agenda/${slug}`)).body, /Salle des fêtes/);
    assert.match((await visitor().get('/agenda')).body, /Balade contée/);
    await secretaire.get(path);
    const saved = await secretaire.post(path, {
      ...EVENT,
      title: 'Balade contée au moulin',
      slug,
      startDate: inDays(9),
      startTime: '15:00',
      endTime: '16:30',
      lieu: 'Parc du moulin',
    });
    assert.equal(saved.statusCode, 303);
    assert.match((await visitor().get(`/agenda/${slug}`)).body, /Parc du moulin/);
    assert.match((await visitor().get('/agenda')).body, /Balade contée au moulin/);
  });

  it('montre les trois prochains événements sur l’accueil et l’entrée « Agenda » du menu', async () => {
    const res = await visitor().get('/');
    const block =
      /<section class="home-block" aria-labelledby="accueil-agenda">([\s\S]*?)<\/section>/.exec(res.body)?.[1] ?? '';
    assert.equal((block.match(/class="event-card"/g) ?? []).length, 3);
    assert.match(res.body, /href="\/agenda"[^>]*>Agenda<\/a>/);
  });

  it('garde le back-office aux agents et retrouve un événement supprimé nulle part', async () => {
    const elu = new InjectClient(t.app);
    await elu.signIn(TEST_ACCOUNTS.elu, TEST_PASSWORD);
    assert.equal((await elu.get('/admin/agenda')).statusCode, 403);
    const path = await announce({
      title: 'Atelier compost',
      startDate: inDays(12),
      startTime: '10:00',
      endTime: '12:00',
    });
    const slug = await publish(path);
    assert.equal((await secretaire.get(`${path}/suppression`)).statusCode, 200);
    assert.equal((await secretaire.post(`${path}/suppression`, {})).statusCode, 303);
    assert.equal((await visitor().get(`/agenda/${slug}`)).statusCode, 404);
    assert.doesNotMatch((await visitor().get('/agenda.ics')).body, /Atelier compost/);
  });
});
