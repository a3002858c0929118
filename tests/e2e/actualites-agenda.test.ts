import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { toParisLocal } from '../../src/core/paris-time.js';
import { startTestServer, TEST_ACCOUNTS, TEST_PASSWORD, type TestServer } from '../helpers/app.js';
import { browserTest, expectNoAxeViolations, watchPageProblems, withBrowser } from '../helpers/browser.js';

// Browser journeys of the actualités and the agenda: a secrétaire writes, schedules and publishes
// an actualité in the back-office (with the rich-text editor), a citizen finds it from the home
// page; every page involved passes axe. SQLite only: the engines are covered by the other tests.

async function signIn(page: Page, server: TestServer, email: string): Promise<void> {
  await page.goto(`${server.url}/admin/connexion`);
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(`${server.url}/admin`);
}

async function goto(page: Page, url: string, status = 200): Promise<void> {
  const response = await page.goto(url);
  assert.equal(response?.status(), status, `status of ${url}`);
}

/** Waits for the editor to replace the textarea, then types the text in its frame. */
async function typeInEditor(page: Page, text: string): Promise<void> {
  await page.locator('iframe#champ-body_ifr').waitFor({ state: 'visible' });
  const body = page.frameLocator('iframe#champ-body_ifr').locator('body');
  await body.click();
  await body.pressSequentially(text);
}

describe('actualités et agenda dans chromium', browserTest, () => {
  let server: TestServer;

  before(async () => {
    server = await startTestServer('sqlite');
  });
  after(async () => {
    await server?.close();
  });

  test('une secrétaire écrit, illustre, programme puis publie une actualité ; un habitant la trouve depuis l’accueil et par la recherche', () =>
    withBrowser(async ({ browser, page }) => {
      const problems = await watchPageProblems(page);
      await signIn(page, server, TEST_ACCOUNTS.secretaire);
      // The photo goes into the media library first, with its description.
      await page.goto(`${server.url}/admin/medias`);
      const photo = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#c84' } })
        .jpeg()
        .toBuffer();
      await page.getByLabel('Fichier').setInputFiles({ name: 'voisins.jpg', mimeType: 'image/jpeg', buffer: photo });
      await page.getByLabel('Titre').fill('Repas des voisins');
      await page.getByLabel('Texte alternatif (images)').fill('Des tables dressées dans la rue du Moulin');
      await page.getByRole('button', { name: 'Ajouter à la médiathèque' }).click();
      await page.waitForURL(/message=ajoute/);
      await page
        .getByRole('navigation', { name: 'Menu de l’administration' })
        .getByRole('link', { name: 'Actualités' })
        .click();
      await page.waitForURL(`${server.url}/admin/actualites`);
      await expectNoAxeViolations(page, '/admin/actualites');

      await page.getByRole('link', { name: 'Écrire une actualité' }).click();
      await page.waitForURL(`${server.url}/admin/actualites/nouvelle`);
      await page.getByLabel('Titre').fill('Fête des voisins rue du Moulin');
      await page.getByLabel('Chapô').fill('Les habitants de la rue du Moulin se retrouvent autour d’un repas partagé.');
      await typeInEditor(page, 'Chacun apporte un plat à partager. Tables et chaises sont prêtées par la mairie.');
      await page.getByLabel('Image de la médiathèque').selectOption({ label: 'Repas des voisins' });
      await page.getByLabel('Description de l’image').fill('Des tables dressées dans la rue du Moulin');
      await expectNoAxeViolations(page, '/admin/actualites/nouvelle');
      await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
      await page.waitForURL(/\/admin\/actualites\/\d+\?message=cree$/);
      await page.getByText('L’actualité a été enregistrée comme brouillon.').waitFor();
      const editUrl = page.url().replace(/\?.*$/, '');
      await page.locator('iframe#champ-body_ifr').waitFor({ state: 'visible' });
      await expectNoAxeViolations(page, 'formulaire de modification');

      const next = toParisLocal(new Date(Date.now() + 3 * 86_400_000));
      await page.getByLabel('Date de publication').fill(next.date);
      await page.getByLabel('Heure de publication').fill('08:30');
      await page.getByRole('button', { name: 'Programmer', exact: true }).click();
      await page.waitForURL(`${editUrl}?message=programme`);
      await page.getByText('Publication prévue le').first().waitFor();
      const hidden = await page.context().request.get(`${server.url}/actualites/fete-des-voisins-rue-du-moulin`);
      assert.equal(hidden.status(), 404, 'une actualité programmée n’est pas encore publique');

      await page.getByRole('button', { name: 'Publier maintenant' }).click();
      await page.waitForURL(`${editUrl}?message=publie`);
      await page.getByText('L’actualité est publiée sur le site.').waitFor();
      await expectNoAxeViolations(page, 'formulaire d’une actualité publiée');
      assert.deepEqual(problems.list, []);

      // A citizen, in a fresh context without any cookie.
      const citizen = await (await browser.newContext({ locale: 'fr-FR' })).newPage();
      const citizenProblems = await watchPageProblems(citizen);
      await goto(citizen, `${server.url}/`);
      await citizen
        .getByRole('region', { name: 'Actualités' })
        .getByRole('link', { name: 'Fête des voisins rue du Moulin' })
        .click();
      await citizen.waitForURL(`${server.url}/actualites/fete-des-voisins-rue-du-moulin`);
      await citizen.getByRole('heading', { level: 1, name: 'Fête des voisins rue du Moulin' }).waitFor();
      await citizen.getByText('Chacun apporte un plat à partager.').waitFor();
      assert.equal(await citizen.locator('img[alt="Des tables dressées dans la rue du Moulin"]').count(), 1);
      await expectNoAxeViolations(citizen, 'page de l’actualité');
      await citizen.getByLabel('Rechercher sur le site').fill('voisins moulin');
      await citizen.getByRole('button', { name: 'Rechercher' }).click();
      await citizen.locator('.search-results').getByRole('link', { name: 'Fête des voisins rue du Moulin' }).waitFor();
      assert.deepEqual(citizenProblems.list, []);
    }));

  for (const width of [1280, 320]) {
    test(`les pages publiques des actualités et de l’agenda passent axe sans défilement horizontal à ${width} px`, () =>
      withBrowser(
        async ({ page }) => {
          const problems = await watchPageProblems(page);
          for (const path of [
            '/actualites',
            '/actualites?page=2',
            '/actualites/travaux-de-voirie-rue-de-la-lys',
            '/agenda',
            '/agenda/marche-de-noel',
          ]) {
            await goto(page, `${server.url}${path}`);
            await expectNoAxeViolations(page, `${path} à ${width} px`);
            const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
            assert.ok(scrollWidth <= width, `${path} défile horizontalement à ${width} px (${scrollWidth})`);
          }
          assert.deepEqual(problems.list, []);
        },
        { viewport: { width, height: 900 } },
      ));
  }

  test('au clavier : un habitant atteint une actualité de la liste et l’ouvre avec Entrée', () =>
    withBrowser(async ({ page }) => {
      await goto(page, `${server.url}/actualites`);
      let reached: { href: string; outline: string } | null = null;
      for (let i = 0; i < 40 && !reached; i++) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate(() => {
          const el = document.activeElement;
          if (!(el instanceof HTMLAnchorElement) || !el.closest('.news-card')) return null;
          return { href: el.getAttribute('href') ?? '', outline: getComputedStyle(el).outlineStyle };
        });
      }
      assert.ok(reached, 'la tabulation atteint la première actualité');
      assert.notEqual(reached.outline, 'none', 'le lien a un focus visible');
      await page.keyboard.press('Enter');
      await page.waitForURL(`${server.url}${reached.href}`);
    }));

  test('le back-office de l’agenda passe axe : liste, annonce et modification', () =>
    withBrowser(async ({ page }) => {
      const problems = await watchPageProblems(page);
      await signIn(page, server, TEST_ACCOUNTS.agent);
      await goto(page, `${server.url}/admin/agenda`);
      await expectNoAxeViolations(page, '/admin/agenda');
      await page.getByRole('link', { name: 'Annoncer un événement' }).click();
      await page.locator('iframe#champ-description_ifr').waitFor({ state: 'visible' });
      await page.frameLocator('iframe#champ-description_ifr').locator('body[role="textbox"]').waitFor();
      await expectNoAxeViolations(page, '/admin/agenda/nouveau (éditeur vide)');
      const description = page.frameLocator('iframe#champ-description_ifr').locator('body');
      await description.click();
      await description.pressSequentially('Ateliers de décorations pour les enfants.');
      await expectNoAxeViolations(page, '/admin/agenda/nouveau');
      // A form sent with errors: the summary and the fields still pass axe.
      await page.getByLabel('Titre').fill('Atelier de Noël');
      await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
      await page.getByRole('heading', { name: /Le formulaire contient \d+ erreurs/ }).waitFor();
      await expectNoAxeViolations(page, '/admin/agenda (erreurs)');
      await page.getByRole('link', { name: 'Retour à l’agenda' }).click();
      await page.getByRole('link', { name: 'Marché de Noël' }).click();
      await page.locator('iframe#champ-description_ifr').waitFor({ state: 'visible' });
      await expectNoAxeViolations(page, 'modification d’un événement');
      assert.deepEqual(
        problems.list.filter((l) => !/status of 400/.test(l)),
        [],
      );
    }));

  test('le flux RSS se lit comme un document XML valide', () =>
    withBrowser(async ({ page }) => {
      await goto(page, `${server.url}/`);
      const feed = await page.evaluate(async () => {
        const text = await (await fetch('/actualites.xml')).text();
        const doc = new DOMParser().parseFromString(text, 'application/xml');
        return {
          error: doc.querySelector('parsererror')?.textContent ?? null,
          version: doc.documentElement.getAttribute('version'),
          items: doc.querySelectorAll('channel > item').length,
          first: doc.querySelector('channel > item > title')?.textContent,
          link: doc.querySelector('channel > item > link')?.textContent,
        };
      });
      assert.equal(feed.error, null);
      assert.equal(feed.version, '2.0');
      assert.ok(feed.items >= 12);
      assert.ok(feed.first);
      assert.match(feed.link ?? '', /^http:\/\/127\.0\.0\.1:\d+\/actualites\/[a-z0-9-]+$/);
    }));
});
