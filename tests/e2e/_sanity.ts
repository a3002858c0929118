import { startTestServer, TEST_ACCOUNTS, TEST_PASSWORD } from '../helpers/app.js';
import { expectNoAxeViolations, watchPageProblems, withBrowser } from '../helpers/browser.js';
const s = await startTestServer('sqlite');
try {
  await withBrowser(async ({ page }) => {
    const problems = await watchPageProblems(page);
    await page.goto(`${s.url}/nope`);
    console.log('after 404:', problems.list);
    await page.evaluate(() => {
      const sc = document.createElement('script'); sc.textContent = 'console.log(1)'; document.body.append(sc);
      const img = document.createElement('img'); img.src = 'https://example.org/x.png'; document.body.append(img);
      const st = document.createElement('div'); st.setAttribute('style', 'color:red'); document.body.append(st);
    });
    await page.waitForTimeout(500);
    console.log('after injection:', problems.list);
    try { await expectNoAxeViolations(page); } catch (e) { console.log((e as Error).message); }
    await page.goto(`${s.url}/admin/connexion`);
    await page.getByLabel('Adresse électronique').fill(TEST_ACCOUNTS.operateur);
    await page.getByLabel('Mot de passe').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForLoadState('load');
    console.log('operator landed', page.url(), await page.title());
    console.log(problems.list.length);
  });
} finally { await s.close(); }
