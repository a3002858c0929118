import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { buildTestApp, TEST_ACCOUNTS, TEST_PASSWORD, type TestApp } from '../../../tests/helpers/app.js';
import { describeEachEngine } from '../../../tests/helpers/db.js';
import { InjectClient } from '../../../tests/helpers/http.js';
import { toParisLocal } from '../../core/paris-time.js';

const ARTICLE = { chapo: 'Un résumé.', slug: '', imageUrl: '', imageAlt: '' };

describeEachEngine('actualités sur le web', (engine) => {
  let t: TestApp;
  let secretaire: InjectClient;
  const visitor = () => new InjectClient(t.app);
  /** Writes a draft through the form; returns its back-office path. */
  const write = async (fields: Record<string, string>) => {
    await secretaire.get('/admin/actualites/nouvelle');
    const res = await secretaire.post('/admin/actualites', { ...ARTICLE, ...fields });
    assert.equal(res.statusCode, 303, res.body.slice(0, 500));
    return String(res.headers.location).replace(/\?.*$/, '');
  };
  const action = async (path: string, verb: string, form: Record<string, string> = {}) => {
    await secretaire.get(path);
    return secretaire.post(`${path}/${verb}`, form);
  };
  const slugOf = async (path: string) =>
    /name="slug"[^>]*value="([^"]+)"/.exec((await secretaire.get(path)).body)?.[1] ?? '';

  before(async () => {
    t = await buildTestApp(engine);
    secretaire = new InjectClient(t.app);
    await secretaire.signIn(TEST_ACCOUNTS.secretaire, TEST_PASSWORD);
  });
  after(() => t.close());

  it('liste les actualités publiées par pages de dix, sans brouillon ni programmée', async () => {
    const page1 = await visitor().get('/actualites');
    assert.equal(page1.statusCode, 200);
    assert.equal((page1.body.match(/class="news-card"/g) ?? []).length, 10);
    assert.match(page1.body, /Travaux de voirie rue de la Lys/);
    assert.match(page1.body, /href="\/actualites\?page=2"/);
    assert.doesNotMatch(page1.body, /Bulletin municipal de janvier|Colis de Noël/);
    assert.match(page1.body, /<link rel="alternate" type="application\/rss\+xml" href="\/actualites.xml"/);
    const page2 = await visitor().get('/actualites?page=2');
    assert.equal(page2.statusCode, 200);
    assert.match(page2.body, /Retour sur la fête de la soupe/);
    assert.equal(page1.headers['set-cookie'], undefined, 'aucun cookie pour un lecteur');
  });

  it('répond 400 à un numéro de page mal formé et 404 au-delà de la dernière page', async () => {
    for (const q of ['page=0', 'page=abc', 'page=1.5', 'page=-1', 'page=', 'page=1&page=2', 'page=%3Cscript%3E']) {
      const res = await visitor().get(`/actualites?${q}`);
      assert.equal(res.statusCode, 400, q);
      assert.match(res.body, /Demande incorrecte/);
      assert.match(res.body, /numéro de page/);
    }
    const far = await visitor().get('/actualites?page=99');
    assert.equal(far.statusCode, 404);
    assert.match(far.body, /Page introuvable/);
  });

  it('répond 404 à une adresse inconnue, à un brouillon et à une actualité programmée', async () => {
    for (const slug of [
      'inconnue',
      'bulletin-municipal-de-janvier-appel-aux-associations',
      'colis-de-noel-des-aines',
      'Majuscules',
      'a..b',
    ]) {
      const res = await visitor().get(`/actualites/${slug}`);
      assert.equal(res.statusCode, 404, slug);
      assert.match(res.body, /Page introuvable/);
    }
  });

  it('affiche une actualité avec ses balises Open Graph', async () => {
    const res = await visitor().get('/actualites/travaux-de-voirie-rue-de-la-lys');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<h1>Travaux de voirie rue de la Lys<\/h1>/);
    assert.match(res.body, /<meta property="og:type" content="article"\/>/);
    assert.match(
      res.body,
      /<meta property="og:url" content="http:\/\/127\.0\.0\.1:0\/actualites\/travaux-de-voirie-rue-de-la-lys"\/>/,
    );
    assert.match(res.body, /<time datetime="[^"]+">\d{1,2} \S+ \d{4}<\/time>/);
  });

  it('publie un flux RSS 2.0 des actualités publiées, avec des adresses absolues', async () => {
    const res = await visitor().get('/actualites.xml');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/rss+xml; charset=utf-8');
    assert.match(res.body, /^<\?xml version="1.0" encoding="utf-8"\?>\s*<rss version="2.0"/);
    assert.match(
      res.body,
      /<item>\s*<title><!\[CDATA\[Travaux de voirie rue de la Lys\]\]><\/title>\s*<link>http:\/\/127\.0\.0\.1:0\/actualites\/travaux-de-voirie-rue-de-la-lys<\/link>/,
    );
    assert.equal((res.body.match(/<item>/g) ?? []).length, 12);
    assert.doesNotMatch(res.body, /Bulletin municipal|Colis de Noël/);
    assert.equal((res.body.match(/<item>/g) ?? []).length, (res.body.match(/<\/item>/g) ?? []).length);
  });

  it('montre les trois dernières actualités sur l’accueil', async () => {
    const res = await visitor().get('/');
    const block =
      /<section class="home-block" aria-labelledby="accueil-actualites">([\s\S]*?)<\/section>/.exec(res.body)?.[1] ??
      '';
    assert.equal((block.match(/class="news-card"/g) ?? []).length, 3);
    assert.match(block, /Travaux de voirie rue de la Lys/);
    assert.match(res.body, /href="\/actualites"[^>]*>Actualités<\/a>/, 'entrée du menu principal');
  });

  it('signale les erreurs du formulaire à côté des champs et garde les valeurs saisies', async () => {
    await secretaire.get('/admin/actualites/nouvelle');
    const res = await secretaire.post('/admin/actualites', {
      title: '',
      slug: 'Avec Espaces',
      chapo: 'Mon chapô gardé',
      body: '<p> </p>',
      imageUrl: 'https://ailleurs.example/image.png',
      imageAlt: '',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /Le formulaire contient 4 erreurs/);
    assert.match(res.body, /id="erreur-title"[^>]*>.*Le titre est obligatoire/);
    assert.match(res.body, /L’adresse ne peut contenir que des lettres minuscules/);
    assert.match(res.body, /Le texte de l’actualité est obligatoire/);
    assert.match(res.body, /commence par \/medias\//);
    assert.match(res.body, /Mon chapô gardé/);
    assert.match(res.body, /value="https:\/\/ailleurs.example\/image.png"/);
  });

  it('refuse une adresse déjà prise (409) et un envoi sans jeton (403)', async () => {
    await secretaire.get('/admin/actualites/nouvelle');
    const taken = await secretaire.post('/admin/actualites', {
      ...ARTICLE,
      title: 'Doublon',
      slug: 'travaux-de-voirie-rue-de-la-lys',
      body: '<p>Texte</p>',
    });
    assert.equal(taken.statusCode, 409);
    assert.match(taken.body, /a déjà l’adresse \/actualites\/travaux-de-voirie-rue-de-la-lys/);
    assert.match(taken.body, /value="Doublon"/);
    const forged = await secretaire.post('/admin/actualites', {
      ...ARTICLE,
      title: 'x',
      body: '<p>x</p>',
      _csrf: null,
    });
    assert.equal(forged.statusCode, 403);
  });

  it('affiche un script ou un onerror du titre et du texte comme du texte, jamais exécutable', async () => {
    const path = await write({
      title: '<script>alert("titre")</script> Fête',
      body: '<p>Bonjour</p><script>alert("texte")</script><img src="x" onerror="alert(1)"><a href="javascript:alert(2)">lien</a>',
    });
    assert.equal((await action(path, 'publier')).statusCode, 303);
    const slug = await slugOf(path);
    assert.equal(slug, 'script-alert-titre-script-fete');
    for (const url of [`/actualites/${slug}`, '/actualites', '/', `${path}/apercu`]) {
      const client = url.startsWith('/admin') ? secretaire : visitor();
      const res = await client.get(url);
      assert.equal(res.statusCode, 200, url);
      assert.doesNotMatch(res.body, /<script>alert/, url);
      assert.doesNotMatch(res.body, /onerror|javascript:/, url);
      assert.match(res.body, /&lt;script>alert\(&quot;titre&quot;\)&lt;\/script> Fête/, url);
    }
    const feed = await visitor().get('/actualites.xml');
    assert.doesNotMatch(feed.body, /<script>alert\(&quot;|onerror/);
  });

  it('montre une modification dès la requête suivante malgré le cache des pages', async () => {
    const path = await write({ title: 'Fermeture de la mairie', body: '<p>Fermée lundi.</p>' });
    await action(path, 'publier');
    const slug = await slugOf(path);
    const first = await visitor().get(`/actualites/${slug}`);
    assert.match(first.body, /Fermée lundi/);
    assert.match((await visitor().get('/actualites')).body, /Fermeture de la mairie/);
    await secretaire.get(path);
    const saved = await secretaire.post(path, {
      ...ARTICLE,
      title: 'Fermeture exceptionnelle de la mairie',
      slug,
      body: '<p>Fermée mardi.</p>',
    });
    assert.equal(saved.statusCode, 303);
    const again = await visitor().get(`/actualites/${slug}`);
    assert.match(again.body, /Fermée mardi/);
    assert.match((await visitor().get('/actualites')).body, /Fermeture exceptionnelle de la mairie/);
    assert.match((await visitor().get('/')).body, /Fermeture exceptionnelle de la mairie/);
  });

  it('programme une publication : date mal formée ou passée refusée, brouillon invisible jusque-là', async () => {
    const path = await write({ title: 'Inscriptions au centre de loisirs', body: '<p>Dossiers en mairie.</p>' });
    const bad = await action(path, 'programmer', { date: '31/12/2026', heure: '8h' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /La date n’est pas valide/);
    assert.match(bad.body, /L’heure n’est pas valide/);
    assert.match(bad.body, /value="8h"/);
    const past = await action(path, 'programmer', { date: '2020-01-01', heure: '08:00' });
    assert.equal(past.statusCode, 400);
    assert.match(past.body, /doivent être dans le futur/);
    const next = toParisLocal(new Date(Date.now() + 7 * 86_400_000));
    const ok = await action(path, 'programmer', { date: next.date, heure: '08:00' });
    assert.equal(ok.statusCode, 303);
    const edit = await secretaire.get(path);
    assert.match(edit.body, /Programmé/);
    assert.match(edit.body, /Annuler la programmation/);
    const slug = await slugOf(path);
    assert.equal((await visitor().get(`/actualites/${slug}`)).statusCode, 404);
    assert.doesNotMatch((await visitor().get('/actualites.xml')).body, /centre de loisirs/);
    assert.doesNotMatch((await visitor().get('/recherche?q=loisirs')).body, /centre de loisirs/);
    assert.equal((await action(path, 'deprogrammer')).statusCode, 303);
    assert.match((await secretaire.get(path)).body, /Brouillon/);
  });

  it('montre l’aperçu d’un brouillon aux agents seulement', async () => {
    const path = await write({ title: 'Aperçu confidentiel', body: '<p>Pas encore public.</p>' });
    const preview = await secretaire.get(`${path}/apercu`);
    assert.equal(preview.statusCode, 200);
    assert.match(preview.body, /Aperçu confidentiel/);
    assert.match(preview.body, /Brouillon/);
    const anonymous = await visitor().get(`${path}/apercu`);
    assert.equal(anonymous.statusCode, 303);
    assert.match(String(anonymous.headers.location), /^\/admin\/connexion/);
    const elu = new InjectClient(t.app);
    await elu.signIn(TEST_ACCOUNTS.elu, TEST_PASSWORD);
    assert.equal((await elu.get(`${path}/apercu`)).statusCode, 403);
    assert.equal((await elu.get('/admin/actualites')).statusCode, 403);
    assert.equal((await visitor().get('/recherche?q=confidentiel')).body.includes('Aperçu confidentiel'), false);
  });

  it('retire, restaure une version et supprime après confirmation', async () => {
    const path = await write({ title: 'Concours des maisons fleuries', body: '<p>Première version.</p>' });
    await action(path, 'publier');
    const slug = await slugOf(path);
    await secretaire.get(path);
    await secretaire.post(path, {
      ...ARTICLE,
      title: 'Concours des maisons fleuries',
      slug,
      body: '<p>Seconde version.</p>',
    });
    const revisions = await secretaire.get(`${path}/revisions`);
    assert.equal(revisions.statusCode, 200);
    const restore = /action="([^"]+\/restauration)"/.exec(revisions.body)?.[1];
    assert.ok(restore);
    assert.equal((await secretaire.post(restore, {})).statusCode, 303);
    assert.match((await visitor().get(`/actualites/${slug}`)).body, /Première version/);

    assert.equal((await action(path, 'retirer')).statusCode, 303);
    assert.equal((await visitor().get(`/actualites/${slug}`)).statusCode, 404);
    assert.equal((await action(path, 'retirer')).statusCode, 409, 'déjà retirée');

    const confirm = await secretaire.get(`${path}/suppression`);
    assert.equal(confirm.statusCode, 200);
    assert.match(confirm.body, /Supprimer définitivement/);
    const deleted = await secretaire.post(`${path}/suppression`, {});
    assert.equal(deleted.statusCode, 303);
    assert.equal(deleted.headers.location, '/admin/actualites?message=supprime');
    assert.equal((await secretaire.get(path)).statusCode, 404);
    assert.equal((await secretaire.get('/admin/actualites/abc')).statusCode, 404);
  });
});
