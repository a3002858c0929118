import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { addWeeks, currentIsoWeek, formatIsoWeek } from '../../src/modules/cantine/semaine.rules.js';
import { startTestServer, TEST_ACCOUNTS, TEST_PASSWORD, type TestServer } from '../helpers/app.js';
import { browserTest, expectNoAxeViolations, watchPageProblems, withBrowser } from '../helpers/browser.js';

// Browser journeys of the canteen: the public week on a phone, the back-office week form with the
// keyboard, and the copy of last week. SQLite only: the engines are covered by the other tests.

async function signIn(page: Page, server: TestServer, email: string): Promise<void> {
  await page.goto(`${server.url}/admin/connexion`);
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForLoadState('load');
}

const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

describe('cantine dans chromium', browserTest, () => {
  let server: TestServer;
  const thisWeek = currentIsoWeek(new Date());

  before(async () => {
    server = await startTestServer('sqlite');
  });
  after(async () => {
    await server?.close();
  });

  for (const width of [360, 1280]) {
    test(`la page /cantine se lit à ${width} px sans défilement horizontal ni violation axe`, () =>
      withBrowser(
        async ({ page }) => {
          const problems = await watchPageProblems(page);
          for (const path of ['/cantine', `/cantine?semaine=${formatIsoWeek(addWeeks(thisWeek, 1))}`]) {
            const response = await page.goto(`${server.url}${path}`);
            assert.equal(response?.status(), 200);
            await page.getByRole('heading', { name: 'Restaurant scolaire Jules-Ferry' }).waitFor();
            await expectNoAxeViolations(page, `${path} à ${width} px`);
            assert.ok((await scrollWidth(page)) <= width, `${path} défile horizontalement à ${width} px`);
          }
          if (width === 360) {
            // One day under another on a phone.
            const boxes = await page
              .locator('.cantine-jour')
              .evaluateAll((els) => els.map((el) => el.getBoundingClientRect().top));
            assert.ok(boxes.length >= 2);
            assert.ok(
              boxes.every((top, i) => i === 0 || top > (boxes[i - 1] ?? 0)),
              'les jours sont empilés',
            );
          }
          await page.goto(`${server.url}/`);
          await expectNoAxeViolations(page, `/ (bloc cantine) à ${width} px`);
          assert.deepEqual(problems.list, []);
        },
        { viewport: { width, height: 900 } },
      ));
  }

  test('le formulaire de la semaine est accessible et se remplit au clavier', () =>
    withBrowser(async ({ page }) => {
      const problems = await watchPageProblems(page);
      await signIn(page, server, TEST_ACCOUNTS.agent);
      const week = formatIsoWeek(addWeeks(thisWeek, 4));
      await page.goto(`${server.url}/admin/cantine`);
      await page.getByRole('link', { name: /Saisir les menus/ }).click();
      await page.waitForLoadState('load');
      await expectNoAxeViolations(page, 'formulaire de la semaine en cours');
      const url = new URL(page.url());
      await page.goto(`${server.url}${url.pathname.replace(/[^/]+$/, week)}`);
      await expectNoAxeViolations(page, `formulaire de la semaine ${week}`);

      // From the "copy" button, the keyboard reaches Monday's first course.
      await page.getByRole('button', { name: 'Copier la semaine précédente' }).focus();
      let reached = '';
      for (let i = 0; i < 5 && reached !== 'champ-j1_entree_0'; i++) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate(() => document.activeElement?.id ?? '');
      }
      assert.equal(reached, 'champ-j1_entree_0', 'la tabulation atteint l’entrée du lundi');
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
      assert.notEqual(outline, 'none', 'le champ a un focus visible');
      await page.keyboard.type('Concombre à la crème');
      await page.keyboard.press('Tab');
      await page.keyboard.type('Dahl de lentilles corail');
      // Through the other courses to Monday's vegetarian box, ticked with the space bar.
      for (let i = 0; i < 20; i++) {
        if ((await page.evaluate(() => document.activeElement?.id)) === 'champ-j1_vegetarien') break;
        await page.keyboard.press('Tab');
      }
      await page.keyboard.press('Space');
      assert.ok(await page.getByLabel('Menu végétarien').first().isChecked());
      await page.getByRole('button', { name: 'Enregistrer la semaine' }).focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/message=enregistre$/);
      await page.getByText('Les menus de la semaine ont été enregistrés et publiés.').waitFor();
      assert.equal(await page.getByLabel('Plat principal').first().inputValue(), 'Dahl de lentilles corail');
      await page.getByRole('link', { name: 'Dahl de lentilles corail' }).waitFor();
      await expectNoAxeViolations(page, 'formulaire après enregistrement');

      await page.goto(`${server.url}/cantine?semaine=${week}`);
      await page.getByText('Dahl de lentilles corail').waitFor();
      await page.getByText('Menu végétarien').waitFor();
      assert.match((await page.locator('main').textContent()) ?? '', /Allergènes : non renseignés/);
      assert.deepEqual(problems.list, []);
    }));

  test('un agent copie la semaine précédente et la voit sur le site public', () =>
    withBrowser(async ({ page }) => {
      const problems = await watchPageProblems(page);
      await signIn(page, server, TEST_ACCOUNTS.agent);
      await page.goto(`${server.url}/admin/cantine`);
      await page.getByRole('link', { name: /Saisir les menus/ }).click();
      await page.waitForLoadState('load');
      // The demo has this week's and next week's menus: the week after is empty.
      await page.getByRole('link', { name: 'Semaine suivante →' }).click();
      await page.waitForLoadState('load');
      await page.getByRole('link', { name: 'Semaine suivante →' }).click();
      await page.waitForLoadState('load');
      const target = formatIsoWeek(addWeeks(thisWeek, 2));
      assert.ok(page.url().endsWith(`/menus/${target}`));
      const before = await page.request.get(`${server.url}/cantine?semaine=${target}`);
      assert.doesNotMatch(await before.text(), /Chili sin carne/);

      await page.getByRole('button', { name: 'Copier la semaine précédente' }).click();
      await page.waitForURL(/message=copie$/);
      await page.getByText('Les menus de la semaine précédente ont été copiés sur cette semaine.').waitFor();
      assert.equal(await page.getByLabel('Plat principal').nth(1).inputValue(), 'Chili sin carne');

      await page.goto(`${server.url}/cantine`);
      await page.getByRole('link', { name: /Semaine suivante/ }).click();
      await page.waitForLoadState('load');
      await page.getByRole('link', { name: /Semaine suivante/ }).click();
      await page.waitForLoadState('load');
      assert.ok(page.url().endsWith(`/cantine?semaine=${target}`));
      await page.getByText('Chili sin carne').waitFor();
      await page.getByText('Menu végétarien').waitFor();
      await expectNoAxeViolations(page, `/cantine?semaine=${target}`);
      assert.deepEqual(problems.list, []);
    }));
});
