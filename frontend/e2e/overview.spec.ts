import { apiAs, expect, expectAccessibleEverywhere, screenshot, signIn, test } from './fixtures';

// Flows that check several pages with axe at two widths take longer than a plain page test.
test.describe.configure({ timeout: 90_000 });

test('a board member reads the overview and reaches a goal\'s worsening indicator in two clicks', async ({ page }) => {
  await signIn(page, 'viewer@gladsaxe-kommune.demo');
  await expect(page.getByRole('heading', { level: 1, name: 'Overblik' })).toBeVisible();
  const cards = page.locator('.goal-card');
  await expect(cards).toHaveCount(4);
  await expect(page.getByText(/Status pr\. \d+\. \p{L}+ \d{4}/u)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Næste møder' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Åbne opfølgningspunkter' })).toBeVisible();
  await expect(page.locator('.current-phase')).toContainText(/Fase \d/);
  await expect(page.locator('.colour-counts li')).toHaveCount(4);
  // A headline indicator's trend line says its first and latest figure with their periods.
  await expect(cards.first().getByRole('img', { name: /^Udvikling i .+\(\d{4}.*\) til .+\(\d{4}.*\)$/ })).toBeVisible();
  await expectAccessibleEverywhere(page);
  await screenshot(page, 'overview');

  const worsening = page.locator('.goal-card li[data-standing="worsening"]').filter({ has: page.locator('summary') }).first();
  await worsening.locator('summary').click(); // click 1
  const link = worsening.getByRole('link').first();
  const name = (await link.textContent())!;
  await expect(worsening).toContainText(/\(\d{4}/); // the figure carries its period
  await link.click(); // click 2
  await expect(page).toHaveURL(/\/indicators\/[a-z0-9-]+$/);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
});

test('an AAB reporter sees its data duties, and an AAB editor approves three drafts from the single queue', async ({ page, baseURL }) => {
  // Three drafts over two AAB indicators, as AAB's reporting script would post them.
  const reporter = await apiAs(baseURL!, 'reporter@aab.demo');
  for (const [code, periods] of [
    ['nye-lejere-i-arbejde', ['2026-Q1', '2026-Q2']],
    ['fraflytning', ['2026-Q1']],
  ] as const) {
    const items = periods.map((period) => ({ area: 'region-hovedstaden', period, value: 40.5, n: 200 }));
    expect((await reporter.put(`/api/v1/indicators/${code}/observations`, { data: { items } })).status()).toBe(200);
  }
  const drafts = await (await reporter.get('/api/v1/observations?approval=draft&owner=aab&area=region-hovedstaden&limit=500')).json();
  const ids: number[] = drafts.items.map((o: { id: number }) => o.id);
  expect(ids).toHaveLength(3);
  await reporter.dispose();

  await signIn(page, 'reporter@aab.demo');
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Min organisation' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Boligforeningen AAB' })).toBeVisible();
  const duties = page.locator('.data-duties');
  await expect(duties.locator('tr[data-indicator="fraflytning"]')).toBeVisible();
  await expect(duties.locator('tr[data-indicator="nye-lejere-i-arbejde"] td').last()).not.toHaveText('0');
  await expect(page.locator('.org-seats')).toBeVisible();
  // A reporter sees the queue but does not approve.
  for (const id of ids) await expect(page.locator(`.approval-queue tr[data-observation="${id}"]`)).toBeVisible();
  await expect(page.getByRole('button', { name: /^Godkend valgte/ })).toHaveCount(0);
  await expectAccessibleEverywhere(page);
  await screenshot(page, 'my-organisation-reporter');

  await page.context().clearCookies();
  await signIn(page, 'editor@aab.demo');
  await page.goto('/my-organisation');
  for (const id of ids) await page.locator(`#queue-${id}`).check();
  await page.getByRole('button', { name: 'Godkend valgte (3)' }).click();
  await expect(page.getByRole('status').filter({ hasText: '3 tal er godkendt.' })).toBeVisible();
  for (const id of ids) await expect(page.locator(`.approval-queue tr[data-observation="${id}"]`)).toHaveCount(0);
  await expectAccessibleEverywhere(page);
  await screenshot(page, 'my-organisation-approved');
});
