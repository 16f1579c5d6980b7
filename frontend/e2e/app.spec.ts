import { apiAs, expect, expectAccessible, screenshot, signIn, test } from './fixtures';

test('the sign-in page validates input and shows the server error', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('heading', { level: 1, name: 'Log ind' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Log ind' }).click();
  await expect(page.locator('#signin-email-error')).toHaveText('Udfyld feltet');
  await expect(page.locator('#signin-password-error')).toHaveText('Udfyld feltet');
  await page.getByLabel('E-mail').fill('not-an-email');
  await page.getByRole('button', { name: 'Log ind' }).click();
  await expect(page.locator('#signin-email-error')).toContainText('gyldig e-mailadresse');
  await expectAccessible(page);
  await page.getByLabel('E-mail').fill('editor@aab.demo');
  await page.getByLabel('Adgangskode').fill('wrong password');
  await page.getByRole('button', { name: 'Log ind' }).click();
  await expect(page.getByRole('alert')).toContainText('Forkert e-mail eller adgangskode');
  await screenshot(page, 'sign-in-error');
});

test('an editor signs in, stays signed in across a reload, sees the goal tree and opens a goal', async ({ page }) => {
  await page.goto('/login');
  await screenshot(page, 'sign-in');
  await signIn(page, 'editor@aab.demo');
  // Signed in, the front page is the overview; the agreement has its own page.
  await expect(page.getByRole('heading', { level: 1, name: 'Overblik' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Aftalen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sammen om Høje Gladsaxe' })).toBeVisible();
  await expect(page.getByText(/Aftaleperiode: \d+\. \p{L}+ \d{4}/u)).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'agreement');

  await page.reload();
  await expect(page.locator('.user-menu summary')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Log ind' })).toHaveCount(0);

  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Mål' }).click();
  await expect(page).toHaveURL(/\/goals$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Mål' })).toBeVisible();
  const goals = page.locator('.goal-node');
  await expect(goals.first()).toBeVisible();
  expect(await goals.count()).toBeGreaterThan(1);
  await expectAccessible(page);
  await screenshot(page, 'goal-tree');

  await goals.first().getByRole('heading').getByRole('link').click();
  await expect(page).toHaveURL(/\/goals\/\d+$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Delmål' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Indikatorer' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Indsatser' })).toBeVisible();
  // The indicator and initiative features fill the goal page's sections (no placeholders left).
  await expect(page.locator('[data-placeholder]')).toHaveCount(0);
  await expect(page.locator('section[aria-labelledby="goal-indicators"] tr[data-indicator]').first()).toBeVisible();
  // An editor of a partner organisation does not manage the agreement.
  await expect(page.getByRole('link', { name: 'Rediger mål' })).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, 'goal-detail');

  // Deep link + reload on a goal page, then the back button.
  const url = page.url();
  await page.reload();
  await expect(page).toHaveURL(url);
  await expect(page.getByRole('heading', { level: 2, name: 'Delmål' })).toBeVisible();
  await page.goBack();
  await expect(page).toHaveURL(/\/goals$/);
});

test('a viewer does not see the edit button and cannot open the edit form', async ({ page }) => {
  await signIn(page, 'viewer@kvp.demo');
  await page.goto('/goals/1');
  await expect(page.getByRole('heading', { level: 2, name: 'Delmål' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Rediger mål' })).toHaveCount(0);
  await page.goto('/goals/1/edit');
  await expect(page.getByRole('heading', { level: 1, name: 'Siden findes ikke' })).toBeVisible();
});

test('an admin edits a goal, and server field errors appear next to the field', async ({ page }) => {
  await signIn(page, 'admin@sammen.demo');
  await page.goto('/goals/1');
  await page.getByRole('link', { name: 'Rediger mål' }).click();
  await expect(page).toHaveURL(/\/goals\/1\/edit$/);
  await expect(page.getByLabel('Titel')).not.toHaveValue('');
  await expectAccessible(page);
  await screenshot(page, 'goal-edit');

  // Checked in the browser first (the OpenAPI pattern), with a Danish message.
  await page.getByLabel('Kode', { exact: true }).fill('??');
  await page.getByRole('button', { name: 'Gem' }).click();
  await expect(page.locator('#goal-code-error')).toContainText('Koden må kun have');
  await page.getByLabel('Kode', { exact: true }).fill('1');

  // Only the server knows this one: its field error lands next to the field.
  await page.getByLabel('Titel').fill('x'.repeat(2001));
  await page.getByRole('button', { name: 'Gem' }).click();
  await expect(page.locator('#goal-title-error')).toContainText('2000');
  await expect(page.getByRole('alert')).toContainText('2000');
  await expectAccessible(page);
  await screenshot(page, 'goal-edit-field-error');

  await page.getByLabel('Titel').fill('Et nyt mål om ressourcestærke beboere');
  await page.getByLabel('Note om ændringen').fill('Rettet i e2e-test');
  await page.getByRole('button', { name: 'Gem' }).click();
  await expect(page).toHaveURL(/\/goals\/1$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Et nyt mål om ressourcestærke beboere');
  await expect(page.getByRole('status').filter({ hasText: 'Ændringerne er gemt' })).toBeVisible();
});

test('a 412 conflict shows both versions; keep mine saves my text, reload takes theirs', async ({ page, baseURL }) => {
  const admin = await apiAs(baseURL!, 'admin@sammen.demo');
  await signIn(page, 'admin@sammen.demo');
  await page.goto('/goals/2/edit');
  await expect(page.getByLabel('Titel')).not.toHaveValue('');
  await page.getByLabel('Titel').fill('Min titel fra formularen');

  // Someone else changes the goal in between.
  const current = await (await admin.get('/api/v1/goals/2')).json();
  const changed = await admin.patch('/api/v1/goals/2', {
    headers: { 'If-Match': `"${current.version}"` },
    data: { title: 'Deres titel fra API’et' },
  });
  expect(changed.status()).toBe(200);

  await page.getByRole('button', { name: 'Gem' }).click();
  const conflict = page.locator('.conflict');
  await expect(conflict).toBeVisible();
  await expect(conflict.locator('.conflict-mine')).toContainText('Min titel fra formularen');
  await expect(conflict.locator('.conflict-theirs')).toContainText('Deres titel fra API’et');
  await expect(page.getByLabel('Titel')).toHaveValue('Min titel fra formularen');
  await expectAccessible(page);
  await screenshot(page, 'goal-edit-conflict');

  await page.getByRole('button', { name: 'Behold min tekst og gem igen' }).click();
  await expect(page).toHaveURL(/\/goals\/2$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Min titel fra formularen');
  expect((await (await admin.get('/api/v1/goals/2')).json()).title).toBe('Min titel fra formularen');

  // Second round: this time take the saved version.
  await page.goto('/goals/2/edit');
  await expect(page.getByLabel('Titel')).toHaveValue('Min titel fra formularen');
  await page.getByLabel('Beskrivelse', { exact: true }).fill('Min beskrivelse');
  const now = await (await admin.get('/api/v1/goals/2')).json();
  await admin.patch('/api/v1/goals/2', {
    headers: { 'If-Match': `"${now.version}"` },
    data: { title: 'Igen ændret af en anden' },
  });
  await page.getByRole('button', { name: 'Gem' }).click();
  await expect(page.locator('.conflict')).toBeVisible();
  await page.getByRole('button', { name: 'Hent den gemte version' }).click();
  await expect(page.locator('.conflict')).toHaveCount(0);
  await expect(page.getByLabel('Titel')).toHaveValue('Igen ændret af en anden');
  await admin.dispose();
});

test('a user with a one-time password must change it before anything else', async ({ page, baseURL }) => {
  const admin = await apiAs(baseURL!, 'admin@sammen.demo');
  const orgs = await (await admin.get('/api/v1/organisations?limit=100')).json();
  const aab = orgs.items.find((o: { slug: string }) => o.slug === 'aab');
  const email = `ny.bruger.${Date.now()}@aab.demo`;
  const created = await admin.post('/api/v1/users', {
    data: { email, name: 'Ny Bruger', memberships: [{ organisation_id: aab.id, role: 'viewer' }] },
  });
  expect(created.status()).toBe(201);
  const { one_time_password } = await created.json();
  await admin.dispose();

  await signIn(page, email, one_time_password);
  await expect(page).toHaveURL(/\/change-password$/);
  await expect(page.getByText('Du skal vælge en ny adgangskode')).toBeVisible();
  await page.goto('/goals');
  await expect(page).toHaveURL(/\/change-password$/);
  await expectAccessible(page);
  await screenshot(page, 'change-password');

  await page.getByLabel('Nuværende adgangskode').fill(one_time_password);
  await page.getByLabel('Ny adgangskode', { exact: true }).fill('kort');
  await page.getByRole('button', { name: 'Skift adgangskode' }).click();
  await expect(page.locator('#pw-new-error')).toBeVisible();
  await page.getByLabel('Ny adgangskode', { exact: true }).fill('et-langt-nyt-kodeord');
  await page.getByLabel('Gentag ny adgangskode').fill('et-langt-nyt-kodeord');
  await page.getByRole('button', { name: 'Skift adgangskode' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Din adgangskode er skiftet' })).toBeVisible();
  await page.reload();
  await expect(page.locator('.user-menu summary')).toBeVisible();
  await page.goto('/goals');
  await expect(page.getByRole('heading', { level: 1, name: 'Mål' })).toBeVisible();
});

test('sign out ends the session, also after a reload', async ({ page }) => {
  await signIn(page, 'reporter@aab.demo');
  await page.locator('.user-menu summary').click();
  await page.getByRole('link', { name: 'Log ud' }).click();
  await expect(page.getByText('Du er logget ud.')).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'signed-out');
  await page.reload();
  await expect(page.getByRole('link', { name: 'Log ind' }).first()).toBeVisible();
  await expect(page.locator('.user-menu')).toHaveCount(0);
});

test('the language switch shows English with English formats', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByText(/Aftaleperiode/)).toBeVisible();
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await expect(page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Goals' })).toBeVisible();
  await expect(page.getByText(/Agreement period: \d+ \p{L}+ \d{4}/u)).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expectAccessible(page);
  await screenshot(page, 'agreement-en');
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Main menu' })).toBeVisible();
});

test('unknown pages and unknown goals show the not-found page', async ({ page }) => {
  await page.goto('/does-not-exist');
  await expect(page.getByRole('heading', { level: 1, name: 'Siden findes ikke' })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'not-found');
  await page.goto('/goals/999999');
  await expect(page.getByRole('heading', { level: 1, name: 'Siden findes ikke' })).toBeVisible();
});
