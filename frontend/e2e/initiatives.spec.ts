import { apiAs, expect, expectAccessible, screenshot, signIn, test } from './fixtures';

test('the list keeps its filters in the URL: deep links, reload and the back button', async ({ page }) => {
  await page.goto('/initiatives');
  await expect(page.getByRole('heading', { level: 1, name: 'Indsatser' })).toBeVisible();
  const rows = page.locator('tr[data-initiative]');
  await expect(rows.first()).toBeVisible();
  const all = await rows.count();
  expect(all).toBeGreaterThan(3);
  await expectAccessible(page);
  await screenshot(page, 'initiatives');

  await page.getByRole('checkbox', { name: 'Aktiv' }).check();
  await page.getByLabel('Mål eller delmål').selectOption('2');
  await page.getByRole('button', { name: 'Vis indsatser' }).click();
  await expect(page).toHaveURL(/[?&]goal=2(&|$)/);
  await expect(page).toHaveURL(/status=active/);
  // the previous rows stay on screen until the filtered page arrives
  await expect.poll(() => rows.count()).toBeLessThan(all);
  await expect(rows.first()).toBeVisible();
  const filtered = await rows.count();
  for (const badge of await page.locator('tr[data-initiative] .initiative-status').allTextContents()) expect(badge).toBe('Aktiv');
  await screenshot(page, 'initiatives-filtered');

  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Aktiv' })).toBeChecked();
  await expect(page.getByLabel('Mål eller delmål')).toHaveValue('2');
  await expect(rows).toHaveCount(filtered);

  await page.goBack();
  await expect(page).toHaveURL(/\/initiatives$/);
  await expect(page.getByRole('checkbox', { name: 'Aktiv' })).not.toBeChecked();
  await expect(rows).toHaveCount(all);

  await page.goto('/initiatives?q=lektiecaf%C3%A9');
  await expect(page.getByLabel('Søg')).toHaveValue('lektiecafé');
  await expect(rows).toHaveCount(1);
});

test('an AAB editor creates an initiative, sees server field errors, adds progress, and resolves a 412', async ({ page, baseURL }) => {
  test.setTimeout(60_000); // a long flow: nine pages and two saves
  await signIn(page, 'editor@aab.demo');
  await page.goto('/initiatives');
  await page.getByRole('link', { name: 'Opret indsats' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Opret indsats' })).toBeVisible();
  await expect(page.getByLabel('Ansvarlig organisation')).toHaveValue('aab');
  await expectAccessible(page);
  await screenshot(page, 'initiative-new');

  // Only the server knows the length limit: its message lands next to the field.
  await page.getByLabel('Titel').fill('x'.repeat(301));
  await page.getByRole('button', { name: 'Gem' }).click();
  await expect(page.locator('#ini-title-error')).toContainText('300');
  await expect(page.getByLabel('Titel')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
  await screenshot(page, 'initiative-new-field-error');

  await page.getByLabel('Titel').fill('Lektiehjælp for voksne (e2e)');
  await page.getByLabel('Kort resumé').fill('Frivillige hjælper voksne med dansk og matematik.');
  await page.getByRole('checkbox', { name: 'Lejerbo' }).check();
  await page.getByRole('checkbox', { name: /^3c / }).check();
  await page.getByLabel('Status').selectOption('active');
  await page.getByLabel('Synlighed').selectOption('public');
  await page.getByLabel('Startdato').fill('2026-01-15');
  await page.getByLabel('Emneord').fill('voksne, læring');
  await page.getByLabel('Budget i kr.').fill('125.000');
  await page.getByRole('button', { name: 'Gem' }).click();
  await expect(page).toHaveURL(/\/initiatives\/\d+$/);
  await expect(page.getByRole('status').filter({ hasText: 'Indsatsen er oprettet.' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lektiehjælp for voksne (e2e)');
  await expect(page.locator('.initiative-facts')).toContainText('Lejerbo');
  await expect(page.locator('.initiative-facts')).toContainText('125.000 kr.');
  const id = Number(/\/initiatives\/(\d+)$/.exec(page.url())![1]);

  await page.getByRole('button', { name: 'Tilføj statusopdatering' }).click();
  await page.getByRole('button', { name: 'Gem statusopdatering' }).click();
  await expect(page.locator('#progress-narrative-error')).toHaveText('Udfyld feltet');
  await page.getByLabel('Status', { exact: true }).selectOption('yellow');
  await page.getByLabel('Hvad er sket?').fill('Første hold er i gang; vi mangler frivillige til matematik.');
  await page.getByLabel('Procent færdig').fill('20');
  await page.getByLabel('Udgiv også som en god historie til beboerne').check();
  await page.getByRole('button', { name: 'Gem statusopdatering' }).click();
  await expect(page.locator('#progress-story-title-error')).toHaveText('Udfyld feltet');
  await page.getByLabel('Overskrift på historien').fill('Jamal læser nu avis på dansk');
  await page.getByLabel('Historien', { exact: true }).fill('Efter et halvt år i lektiehjælpen læser Jamal avisen hver morgen.');
  await page.getByRole('button', { name: 'Gem statusopdatering' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Statusopdateringen er gemt.' })).toBeVisible();
  const item = page.locator('.progress-item').first();
  await expect(item).toContainText('Gul: udfordringer');
  await expect(item).toContainText('Første hold er i gang');
  await expect(item).toContainText('20 % færdig');
  await expect(item.locator('.story')).toContainText('God historie: Jamal læser nu avis på dansk');
  await expect(page.locator('header .colour-badge')).toContainText('Gul');
  await expectAccessible(page);
  await screenshot(page, 'initiative-detail');

  // Milestones: the lead's editor adds one and marks it reached.
  await page.getByRole('button', { name: 'Tilføj milepæl' }).click();
  await expect(page.locator('#milestone-title-error')).toHaveText('Udfyld feltet');
  await page.getByLabel('Milepæl', { exact: true }).fill('Første hold starter');
  await page.getByLabel('Frist').fill('2026-02-01');
  await page.getByRole('button', { name: 'Tilføj milepæl' }).click();
  const milestone = page.locator('.milestones li').filter({ hasText: 'Første hold starter' });
  await expect(milestone).toContainText('Frist 1. februar 2026');
  await milestone.getByRole('button', { name: 'Markér "Første hold starter" som nået i dag' }).click();
  await expect(milestone).toContainText('Nået');
  await expectAccessible(page);

  // The filtered list downloads as CSV with the partner's rights.
  await page.goto('/initiatives?q=Lektiehj%C3%A6lp');
  await expect(page.locator('tr[data-initiative]')).toHaveCount(1);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Hent listen som CSV' }).click()]);
  expect(download.suggestedFilename()).toBe('initiatives.csv');
  const text = await (await import('node:fs/promises')).readFile((await download.path())!, 'utf8');
  expect(text).toContain('Lektiehjælp for voksne (e2e)');
  expect(text).not.toContain('Lektiecafé i Høje Gladsaxe');

  // It shows on its goal's page with the latest colour.
  await page.goto('/goals');
  await page.locator('.sub-objectives a', { hasText: /3c/ }).first().click();
  await expect(page.locator(`.goal-initiatives li[data-initiative="${id}"]`)).toContainText('Gul');
  await expectAccessible(page);
  await screenshot(page, 'goal-dashboard');

  // Someone else saves first: the edit form shows both versions.
  await page.goto(`/initiatives/${id}/edit`);
  await expect(page.getByLabel('Titel')).toHaveValue('Lektiehjælp for voksne (e2e)');
  await page.getByLabel('Titel').fill('Min titel');
  const aab = await apiAs(baseURL!, 'editor@aab.demo');
  const current = await (await aab.get(`/api/v1/initiatives/${id}`)).json();
  const changed = await aab.patch(`/api/v1/initiatives/${id}`, { headers: { 'If-Match': `"${current.version}"` }, data: { title: 'Deres titel' } });
  expect(changed.status()).toBe(200);
  await aab.dispose();
  await page.getByRole('button', { name: 'Gem' }).click();
  const conflict = page.locator('.conflict');
  await expect(conflict).toContainText('Indsatsen er ændret af en anden');
  await expect(conflict.locator('.conflict-mine')).toContainText('Min titel');
  await expect(conflict.locator('.conflict-theirs')).toContainText('Deres titel');
  await expectAccessible(page);
  await screenshot(page, 'initiative-edit-conflict');
  await page.getByRole('button', { name: 'Behold min tekst og gem igen' }).click();
  await expect(page).toHaveURL(new RegExp(`/initiatives/${id}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Min titel');
});

test('another organisation sees no edit button and is refused; a partner reporter may report progress', async ({ page, baseURL }) => {
  const aab = await apiAs(baseURL!, 'editor@aab.demo');
  const list = await (await aab.get('/api/v1/initiatives?organisation=aab&limit=100')).json();
  const led = list.items.find((i: { lead: string }) => i.lead === 'aab');
  expect(led).toBeTruthy();
  await aab.dispose();

  await signIn(page, 'editor@kvp.demo');
  await page.goto(`/initiatives/${led.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(led.title);
  await expect(page.getByRole('link', { name: 'Rediger indsats' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Tilføj statusopdatering' })).toHaveCount(0);
  await page.goto(`/initiatives/${led.id}/edit`);
  await expect(page.getByRole('alert')).toContainText('Du har ikke adgang til at ændre denne indsats.');
  await expectAccessible(page);
  await screenshot(page, 'initiative-edit-refused');
  const kvp = await apiAs(baseURL!, 'editor@kvp.demo');
  const res = await kvp.patch(`/api/v1/initiatives/${led.id}`, { headers: { 'If-Match': '"1"' }, data: { title: 'Overtaget' } });
  expect(res.status()).toBe(403);
  await kvp.dispose();

  // A reporter of a partner organisation (Lejerbo on "kombineret udlejning") reports, but does not edit.
  const partnerOf = list.items.find((i: { partners: string[] }) => i.partners.includes('lejerbo'));
  await page.context().clearCookies();
  await signIn(page, 'reporter@lejerbo.demo');
  await page.goto(`/initiatives/${partnerOf.id}`);
  await expect(page.getByRole('link', { name: 'Rediger indsats' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Tilføj statusopdatering' }).click();
  await page.getByLabel('Hvad er sket?').fill('Lejerbo har tilsluttet sig udlejningsaftalen.');
  await page.getByRole('button', { name: 'Gem statusopdatering' }).click();
  await expect(page.locator('.progress-item').first()).toContainText('Lejerbo');
});
