import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { startTestServer, TEST_ACCOUNTS, TEST_PASSWORD, type TestServer } from '../helpers/app.js';
import { browserTest, expectNoAxeViolations, watchPageProblems, withBrowser } from '../helpers/browser.js';

// The agents' side of the démarches: form builder, inbox, dashboard, rooms, the public calendar.
// SQLite only: the engines are covered by the database and HTTP tests.

/** Set DEMARCHES_SCREENSHOTS=/some/dir to keep a picture of every page visited. */
const SHOTS = process.env.DEMARCHES_SCREENSHOTS;

/** Signs in with the keyboard only: Tab to each field, type, Enter. */
async function signIn(page: Page, server: TestServer, email: string): Promise<void> {
  await page.goto(`${server.url}/admin/connexion`);
  await tabTo(page, '#champ-email');
  await page.keyboard.type(email);
  await tabTo(page, '#champ-password');
  await page.keyboard.type(TEST_PASSWORD);
  await pressAndWait(page, 'Enter', `${server.url}/admin`);
}

/** Presses Tab until the focused element matches the selector (fails after 300 presses). */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) {
      const outline = await page.evaluate(() =>
        document.activeElement ? getComputedStyle(document.activeElement).outlineStyle : 'none',
      );
      assert.notEqual(outline, 'none', `${selector} a un focus visible`);
      return;
    }
    await page.keyboard.press('Tab');
  }
  assert.fail(`la tabulation n’atteint pas ${selector} sur ${page.url()}`);
}

/** Presses a key that submits a form, and waits for the page it leads to. */
async function pressAndWait(page: Page, key: string, url: RegExp | string): Promise<void> {
  await Promise.all([page.waitForNavigation({ url }), page.keyboard.press(key)]);
}

async function check(page: Page, url: string, label: string, width: number): Promise<void> {
  const response = await page.goto(url);
  assert.equal(response?.status(), 200, `status of ${url}`);
  await expectNoAxeViolations(page, `${label} à ${width} px`);
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scrollWidth <= width, `${label} défile horizontalement à ${width} px (${scrollWidth})`);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/admin-${label}-${width}.png`, fullPage: true });
}

describe('back-office des démarches dans chromium', browserTest, () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer('sqlite');
  });
  after(async () => {
    await server?.close();
  });

  for (const width of [1280, 360]) {
    test(`à ${width} px, les pages du constructeur, de la boîte de réception et des salles passent axe`, () =>
      withBrowser(
        async ({ page }) => {
          const problems = await watchPageProblems(page);
          await signIn(page, server, TEST_ACCOUNTS.secretaire);
          await check(page, `${server.url}/admin`, 'tableau-de-bord', width);
          assert.match((await page.locator('main').textContent()) ?? '', /Demandes à surveiller/);
          await check(page, `${server.url}/admin/demarches`, 'demarches', width);
          const href = await page.getByRole('link', { name: 'Demander un acte d’état civil' }).getAttribute('href');
          await check(page, `${server.url}${href}`, 'constructeur', width);
          await check(page, `${server.url}${href}/champs/acte`, 'champ-exige', width);
          await check(page, `${server.url}${href}/champs/exemplaires`, 'champ-condition', width);
          await check(page, `${server.url}${href}/apercu`, 'apercu', width);
          await check(page, `${server.url}/admin/demandes?tri=echeance`, 'demandes', width);
          const demande = await page.locator('tbody a').first().getAttribute('href');
          await check(page, `${server.url}${demande}`, 'demande', width);
          await check(page, `${server.url}/admin/salles`, 'salles', width);
          await check(page, `${server.url}/admin/salles/nouvelle`, 'salle-nouvelle', width);
          const salle = await page
            .goto(`${server.url}/admin/salles`)
            .then(() => page.locator('tbody a').first().getAttribute('href'));
          await check(page, `${server.url}${salle}`, 'salle', width);
          await page.goto(`${server.url}/admin/connexion`);
          const month = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 7);
          await check(page, `${server.url}/demarches/reservation-salle/calendrier?mois=${month}`, 'calendrier', width);
          assert.deepEqual(problems.list, []);
        },
        { viewport: { width, height: 900 } },
      ));
  }

  test('au clavier seul : la secrétaire crée une démarche, la publie, puis clôture des demandes en groupe', () =>
    withBrowser(async ({ page }) => {
      const problems = await watchPageProblems(page);
      await signIn(page, server, TEST_ACCOUNTS.secretaire);
      await page.goto(`${server.url}/admin/demarches`);
      await tabTo(page, '#champ-title');
      await page.keyboard.type('Prêt de matériel');
      await tabTo(page, '#champ-summary');
      await page.keyboard.type('Emprunter des tables et des bancs.');
      await tabTo(page, 'form[action="/admin/demarches"] button[type="submit"]');
      await pressAndWait(page, 'Enter', /\/admin\/demarches\/\d+\?message=cree$/);
      const base = page.url().replace(/\?.*$/, '');

      await tabTo(page, '#champ-label');
      await page.keyboard.type('Matériel souhaité');
      await pressAndWait(page, 'Enter', /message=champ$/);
      await tabTo(page, '#champ-type');
      await page.keyboard.type('Oui');
      await tabTo(page, '#champ-label');
      await page.keyboard.type('Livraison');
      await pressAndWait(page, 'Enter', /message=champ$/);
      const fields = await page.locator('.builder-field__title strong').allTextContents();
      assert.deepEqual(fields, ['Matériel souhaité', 'Livraison']);
      assert.match((await page.locator('.builder-field').nth(1).textContent()) ?? '', /Oui \/ non/);

      await tabTo(page, 'form[action$="/champs/livraison/monter"] button');
      await pressAndWait(page, 'Enter', /message=champ$/);
      assert.deepEqual(await page.locator('.builder-field__title strong').allTextContents(), [
        'Livraison',
        'Matériel souhaité',
      ]);

      await tabTo(page, 'a[href$="/champs/materiel_souhaite"]');
      await pressAndWait(page, 'Enter', /champs\/materiel_souhaite$/);
      await tabTo(page, '#champ-required');
      await page.keyboard.press('Space');
      await tabTo(page, '#champ-showIfField');
      await page.keyboard.type('Livraison');
      await tabTo(page, '#si-livraison-0');
      await page.keyboard.press('Space');
      await tabTo(page, 'form button[type="submit"]');
      await pressAndWait(page, 'Enter', /message=champ$/);
      assert.match(
        (await page.locator('.builder-field').nth(1).textContent()) ?? '',
        /Affiché si « Livraison » vaut Oui/,
      );

      await tabTo(page, 'form[action$="/publier"] button');
      await pressAndWait(page, 'Enter', /message=publie$/);
      assert.match((await page.locator('main').textContent()) ?? '', /Version publiée : 1/);
      assert.ok(base);

      await page.goto(`${server.url}/demarches/pret-de-materiel`);
      await expectNoAxeViolations(page, 'nouvelle démarche publiée');
      assert.match((await page.locator('main').textContent()) ?? '', /Matériel souhaité/);

      await page.goto(`${server.url}/admin/demandes?statut=recue&tri=reference`);
      const refs = await page.locator('tbody th a').allTextContents();
      await tabTo(page, 'input[name="ids"]');
      await page.keyboard.press('Space');
      await page.keyboard.press('Tab');
      await tabTo(page, 'input[name="ids"]:not(:checked)');
      await page.keyboard.press('Space');
      await tabTo(page, '#champ-motif');
      await page.keyboard.type('Réponse donnée au téléphone.');
      await tabTo(page, 'form[action="/admin/demandes/cloture"] button[type="submit"]');
      await pressAndWait(page, 'Enter', /cloturees=2$/);
      assert.match((await page.locator('.alert--success').textContent()) ?? '', /2 demandes ont été clôturées/);
      await page.goto(`${server.url}/admin/demandes?statut=close&q=${refs[0]}`);
      assert.equal(await page.locator('tbody th a').first().textContent(), refs[0]);
      assert.deepEqual(problems.list, []);
    }));
});
