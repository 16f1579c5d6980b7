import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiAs, expect, expectAccessibleEverywhere, screenshot, signIn, test } from './fixtures';

// Flows that check several pages with axe at two widths take longer than a plain page test.
test.describe.configure({ timeout: 90_000 });

test('an action plan shows its revisions, and two revisions side by side', async ({ page }) => {
  await signIn(page, 'viewer@kvp.demo');
  await page.goto('/initiatives');
  await page.getByRole('link', { name: 'Handleplaner' }).click();
  await expectAccessibleEverywhere(page);
  await page.locator('.plan-list a').first().click();
  await expect(page.locator('.plan-revisions tr[data-revision]')).toHaveCount(2);
  await expectAccessibleEverywhere(page);
  await page.getByLabel('Fra revision').selectOption('1');
  await page.getByLabel('Til revision').selectOption('2');
  await page.getByRole('button', { name: 'Sammenlign revisioner' }).click();
  await expect(page).toHaveURL(/\/diff\?from=1&to=2$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Revision 1 og 2 side om side' })).toBeVisible();
  await expect(page.locator('tr[data-change="added"]').first()).toBeVisible();
  await expect(page.locator('tr[data-change="removed"]').first()).toBeVisible();
  await expect(page.locator('tr[data-change="changed"]').first()).toContainText('Ændret');
  await expectAccessibleEverywhere(page);
  await screenshot(page, 'action-plan-diff');
});

test('coverage shows a planted gap, and good stories read as cards', async ({ page, baseURL }) => {
  const admin = await apiAs(baseURL!, 'admin@sammen.demo');
  const goals = await (await admin.get('/api/v1/goals')).json();
  const four = goals.items.find((g: { code: string }) => g.code === '4');
  const planted = await admin.post('/api/v1/goals', { data: { code: '4x', title: 'Et delmål uden indsats (e2e)', parent_id: four.id } });
  expect(planted.status()).toBe(201);
  await admin.dispose();

  await signIn(page, 'editor@lejerbo.demo');
  await page.goto('/coverage');
  const cell = page.locator('td[data-sub-objective="4x"]');
  await expect(cell).toHaveAttribute('data-gap', 'true');
  await expect(cell).toContainText('Ingen aktiv indsats');
  await expect(page.locator('td[data-gap="false"]').first()).toContainText(/(1 aktiv indsats|\d+ aktive indsatser)$/); // plural forms through Intl.PluralRules
  await expectAccessibleEverywhere(page);
  await screenshot(page, 'coverage');

  await page.goto('/good-stories');
  await expect(page.locator('.story-card').first()).toBeVisible();
  await expectAccessibleEverywhere(page);
  await screenshot(page, 'good-stories');
});

test('an initiative import dry run shows the bad row, and indicator links are saved from the form', async ({ page, baseURL }) => {
  await signIn(page, 'editor@aab.demo');
  await page.goto('/initiatives');
  await page.getByRole('link', { name: 'Importér indsatser' }).click();
  await expectAccessibleEverywhere(page);
  const dir = mkdtempSync(join(tmpdir(), 'sammen-initiatives-'));
  const file = join(dir, 'indsatser.csv');
  writeFileSync(
    file,
    'external_id,lead,title,goals,status\n' +
      'e2e-1,aab,Nabohjælp i opgangene (e2e),1,idea\n' +
      'e2e-2,aab,Sommerskole (e2e),9z,idea\n',
    'utf8',
  );
  await page.getByLabel('Fil (CSV eller XLSX)').setInputFiles(file);
  await page.getByRole('button', { name: 'Kontrollér filen' }).click();
  const errors = page.locator('.import-errors');
  await expect(errors.getByRole('row')).toHaveCount(2);
  await expect(errors.getByRole('row').nth(1)).toContainText('3goals');
  await expect(errors.getByRole('row').nth(1)).toContainText('ukendte mål: 9z');
  await expect(page.getByRole('button', { name: /^Importér \d+ rækker/ })).toHaveCount(0);
  await expectAccessibleEverywhere(page);
  await screenshot(page, 'initiative-import-errors');

  // Indicator links with their expected direction, from the initiative form.
  const aab = await apiAs(baseURL!, 'editor@aab.demo');
  const list = await (await aab.get('/api/v1/initiatives?organisation=aab&limit=100')).json();
  const led = list.items.find((i: { lead: string }) => i.lead === 'aab');
  await aab.dispose();
  await page.goto(`/initiatives/${led.id}/edit`);
  const link = page.locator('.indicator-links li[data-indicator="fraflytning"]');
  if (await link.getByRole('checkbox').isChecked()) await link.getByRole('checkbox').uncheck();
  await link.getByRole('checkbox').check();
  await link.getByRole('combobox').selectOption('down');
  await expectAccessibleEverywhere(page);
  await page.getByRole('button', { name: 'Gem' }).click();
  await expect(page).toHaveURL(new RegExp(`/initiatives/${led.id}$`));
  await expect(page.locator('section[aria-labelledby="ini-indicators"]')).toContainText('Fraflytningsprocent – forventes at gå ned');
});
