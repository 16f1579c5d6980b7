import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiAs, expect, expectAccessible, expectAccessibleEverywhere, screenshot, signIn, test } from './fixtures';

const CODE = 'nye-lejere-i-arbejde'; // owned by AAB (seed/agreements/hoeje-gladsaxe.yaml), min_n 5

function csv(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sammen-import-'));
  const path = join(dir, name);
  writeFileSync(path, text, 'utf8');
  return path;
}

test('anyone sees the indicators by goal, and a withheld value as hidden, never 0', async ({ page }) => {
  await page.goto('/indicators');
  await expect(page.getByRole('heading', { level: 1, name: 'Indikatorer' })).toBeVisible();
  // Grouped by goal and sub-objective, with their titles.
  await expect(page.getByRole('heading', { level: 2, name: /^Mål 1: / })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: /^Delmål 1b: / })).toBeVisible();
  // An indicator of several goals shows once, naming its goals; each status is explained beside its badge.
  await expect(page.locator('tr[data-indicator="k1-uden-beskaeftigelse"]')).toHaveCount(1);
  await expect(page.locator('tr[data-indicator="k1-uden-beskaeftigelse"] .indicator-goals')).toHaveText('1, 3c');
  await expect(page.locator(`tr[data-indicator="${CODE}"] .status-explanation`).first()).not.toBeEmpty();
  const row = page.locator(`tr[data-indicator="${CODE}"]`).first();
  await expect(row).toContainText(/\d+,\d %/);
  await expect(row).toContainText(/20\d\d-Q\d/);
  await expect(row.locator('.status-badge')).toBeVisible();
  await expectAccessibleEverywhere(page);
  await screenshot(page, 'indicators');

  await row.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/indicators/${CODE}$`));
  await expect(page.getByRole('img', { name: /udvikling/ })).toBeVisible();
  // The demo series has one quarter with n = 3: hidden for everyone but the owner.
  await expect(page.locator('td[data-area="hoeje-gladsaxe"][data-period="2021-Q3"]')).toHaveText('skjult (n < 5)');
  await expect(page.getByTestId('latest-value')).toContainText(/\(20\d\d-Q\d\)/);
  await expectAccessible(page);
  await screenshot(page, 'indicator-detail');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Hent tallene som CSV' }).click()]);
  expect(download.suggestedFilename()).toBe(`${CODE}.csv`);
  const text = await (await import('node:fs/promises')).readFile((await download.path())!, 'utf8');
  expect(text).toContain('2025-Q4');

  await page.goto('/indicators/k1-uden-beskaeftigelse');
  await expect(page.getByText('Grænse (udsat boligområde) > 40,0 %').first()).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'indicator-detail-thresholds');
});

test('an AAB editor imports figures (dry run, then for real), sees them, enters one and approves the drafts', async ({ page }) => {
  await signIn(page, 'editor@aab.demo');
  await page.goto('/observations/import');
  await expect(page.getByRole('heading', { level: 1, name: 'Importér tal fra fil' })).toBeVisible();
  await expectAccessible(page);

  const header = 'indicator,area,period,value,n,status,comment\n';
  const bad = csv(
    'bad.csv',
    header +
      `${CODE},hoeje-gladsaxe,2026-Q1,61.5,30,provisional,e2e\n` +
      `${CODE},hoeje-gladsaxe,2026-Q2,abc,30,provisional,e2e\n` +
      'tryghed,hoeje-gladsaxe,2024,70,,,\n',
  );
  await page.getByLabel('Fil (CSV eller XLSX)').setInputFiles(bad);
  await page.getByRole('button', { name: 'Kontrollér filen' }).click();
  const summary = page.locator('.import-summary');
  await expect(summary).toHaveAttribute('data-valid', 'false');
  const errors = summary.getByRole('table', { name: 'Fejl i filen, række for række' });
  await expect(errors.getByRole('row').nth(1)).toContainText('3value');
  await expect(errors.getByRole('row').nth(2)).toContainText('4indicator');
  await expect(page.getByRole('button', { name: /^Importér \d+ rækker/ })).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, 'observation-import-errors');

  const good = csv('good.csv', header + `${CODE},hoeje-gladsaxe,2026-Q1,61.5,30,provisional,e2e\n${CODE},gladsaxe-kommune,2026-Q1,63.2,300,provisional,e2e\n`);
  await page.getByLabel('Fil (CSV eller XLSX)').setInputFiles(good);
  await page.getByRole('button', { name: 'Kontrollér filen' }).click();
  await expect(summary).toHaveAttribute('data-valid', 'true');
  await expect(summary).toContainText('Intet er gemt endnu');
  await screenshot(page, 'observation-import-dry-run');
  await page.getByRole('button', { name: 'Importér 2 rækker' }).click();
  await expect(page.getByRole('heading', { name: 'Importen er gennemført' })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'observation-import-done');

  // The owner sees the new drafts in the table and the chart.
  await page.goto(`/indicators/${CODE}`);
  const cell = page.locator('td[data-area="hoeje-gladsaxe"][data-period="2026-Q1"]');
  await expect(cell).toContainText('61,5 %');
  await expect(cell).toContainText('Kladde');
  await expect(page.locator('.series-chart-svg title', { hasText: 'Høje Gladsaxe 2026-Q1: 61,5 %' })).toHaveCount(1);

  // Enter one more figure by hand, then approve the drafts.
  await page.getByRole('link', { name: 'Indtast tal' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Indtast tal:/ })).toBeVisible();
  await page.getByLabel('Periode').fill('2027-Q1'); // after the demo series (they run to the last published quarter)
  await page.getByLabel(/^Værdi/).fill('abc');
  await page.getByRole('button', { name: 'Gem som kladde' }).click();
  await expect(page.locator('#obs-0-value-error')).toHaveText('Skriv et tal, fx 12,5');
  await page.getByLabel(/^Værdi/).fill('62,4');
  await page.getByLabel('n (grundlag)').fill('28');
  await page.getByRole('button', { name: 'Gem som kladde' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Gemt: 1 ny,/ })).toBeVisible();
  const drafts = page.locator('.drafts-table');
  await expect(drafts.getByRole('row')).toHaveCount(4);
  await expectAccessible(page);
  await screenshot(page, 'observation-entry');
  await page.getByLabel('Vælg alle').check();
  await page.getByRole('button', { name: 'Godkend valgte (3)' }).click();
  await expect(page.getByRole('status').filter({ hasText: '3 tal er godkendt.' })).toBeVisible();
  await expect(page.getByText('Der er ingen kladder.')).toBeVisible();

  await page.goto(`/indicators/${CODE}`);
  await expect(page.locator('td[data-area="hoeje-gladsaxe"][data-period="2027-Q1"]')).toHaveText('62,4 %');
  await expect(page.getByTestId('latest-value')).toContainText('62,4 % (2027-Q1)');
  await screenshot(page, 'indicator-detail-after-import');
});

test('another organisation cannot enter or import figures for an AAB indicator', async ({ page, baseURL }) => {
  await signIn(page, 'reporter@kvp.demo');
  await page.goto(`/indicators/${CODE}`);
  await expect(page.getByRole('img', { name: /udvikling/ })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Indtast tal' })).toHaveCount(0);
  await page.goto(`/indicators/${CODE}/observations`);
  await expect(page.getByRole('alert')).toContainText('Du kan kun indtaste tal for din egen organisations indikatorer.');

  // The import checks ownership per row: the dry run names the row.
  await page.goto('/observations/import');
  await page.getByLabel('Fil (CSV eller XLSX)').setInputFiles(csv('kvp.csv', `indicator,area,period,value\n${CODE},hoeje-gladsaxe,2026-Q3,50\n`));
  await page.getByRole('button', { name: 'Kontrollér filen' }).click();
  await expect(page.locator('.import-errors').getByRole('row').nth(1)).toContainText('2indicator');

  const kvp = await apiAs(baseURL!, 'reporter@kvp.demo');
  const res = await kvp.put(`/api/v1/indicators/${CODE}/observations`, { data: { items: [{ area: 'hoeje-gladsaxe', period: '2026-Q3', value: 1 }] } });
  expect(res.status()).toBe(403);
  await kvp.dispose();
});
