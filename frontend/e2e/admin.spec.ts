import { request } from '@playwright/test';
import { expect, expectAccessibleEverywhere, screenshot, signIn, test } from './fixtures';

test('an admin creates a user, gives a membership, creates an API client for the police by name, and reads it all in the audit log', async ({ page, baseURL, browser }) => {
  test.setTimeout(180_000);
  await signIn(page, 'admin@sammen.demo');
  await page.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Administration' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Administration' })).toBeVisible();
  await expectAccessibleEverywhere(page);
  await page.getByRole('link', { name: 'Organisationer' }).click();
  await expect(page.locator('tr[data-organisation="kvp"]')).toBeVisible();
  await expectAccessibleEverywhere(page);

  // A user with a one-time password, shown once.
  await page.goto('/admin/users');
  const email = `ny.partner.${Date.now()}@lejerbo.demo`;
  await page.getByRole('button', { name: 'Opret bruger' }).click();
  await expect(page.locator('#user-email-error')).toHaveText('Udfyld feltet');
  await page.getByLabel('E-mail', { exact: true }).fill('not-an-email');
  await page.getByLabel('Navn', { exact: true }).fill('Ny Partner');
  await page.getByRole('button', { name: 'Opret bruger' }).click();
  // The API's refusal, in Danish, next to the field.
  await expect(page.locator('#user-email-error')).toContainText('gyldig e-mailadresse');
  await page.getByLabel('E-mail', { exact: true }).fill(email);
  await page.getByLabel('Organisation').selectOption({ label: 'Lejerbo' });
  await page.getByLabel('Rolle').selectOption('viewer');
  await page.getByRole('button', { name: 'Opret bruger' }).click();
  const secret = page.getByTestId('secret');
  await expect(secret).toBeVisible();
  await expect(page.locator('.secret-once')).toContainText('Vises kun denne ene gang');
  const oneTimePassword = (await secret.textContent())!;
  await expectAccessibleEverywhere(page);
  await screenshot(page, 'admin-user-created');

  // The user's page: another membership, then a role change (the audit log will show it).
  await page.getByLabel('Søg efter navn eller e-mail').fill(email);
  await page.getByRole('button', { name: 'Søg', exact: true }).click();
  await page.getByRole('link', { name: 'Ny Partner' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ny Partner' })).toBeVisible();
  await expect(page.getByTestId('secret')).toHaveCount(0); // shown once: not again
  await expect(page.getByTestId('user-state')).toContainText('skal skifte adgangskode');
  await page.locator('#membership-org').selectOption({ label: 'Boligforeningen AAB' });
  await page.locator('#membership-role').selectOption('editor');
  await page.getByRole('button', { name: 'Tilføj medlemskab' }).click();
  const aabRow = page.locator('.admin-memberships tr').filter({ hasText: 'Boligforeningen AAB' });
  await expect(aabRow).toBeVisible();
  await aabRow.getByRole('combobox').selectOption('reporter');
  await expect(aabRow.getByRole('combobox')).toHaveValue('reporter');
  await expectAccessibleEverywhere(page);
  await screenshot(page, 'admin-user');

  // An API client for the police, the organisation chosen by its name.
  await page.goto('/admin/api-clients');
  await page.getByLabel('Navn', { exact: true }).fill('Politiets analysescript');
  await page.getByLabel('Organisation').selectOption({ label: 'Københavns Vestegns Politi' });
  await page.getByLabel('Rolle').selectOption('reporter');
  await page.getByRole('button', { name: 'Opret API-klient' }).click();
  await expect(page.getByTestId('secret')).toBeVisible();
  const clientSecret = (await page.getByTestId('secret').textContent())!;
  const row = page.locator('tr[data-client]').filter({ hasText: 'Politiets analysescript' });
  await expect(row).toContainText('Københavns Vestegns Politi');
  const clientId = (await row.getAttribute('data-client'))!;
  expect(clientId).toMatch(/^kvp-/);
  await expectAccessibleEverywhere(page);
  await screenshot(page, 'admin-api-client');
  const anon = await request.newContext({ baseURL });
  const token = await anon.post('/api/v1/auth/token', { form: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret } });
  expect(token.status()).toBe(200);
  const me = await anon.get('/api/v1/auth/me', { headers: { Authorization: `Bearer ${(await token.json()).access_token}` } });
  expect(Object.keys((await me.json()).permissions)).toEqual(['kvp']);
  await anon.dispose();

  // The audit log: the role change with its before and after.
  await page.goto('/admin/audit');
  await page.getByLabel('Hvad').fill('membership.update');
  await page.getByRole('button', { name: 'Filtrér' }).click();
  const event = page.locator('.audit-event[data-action="membership.update"]').first();
  await event.locator('summary').click();
  const role = event.locator('tr[data-field="role"]');
  await expect(role).toHaveAttribute('data-changed', 'true');
  await expect(role.locator('td').first()).toHaveText('editor');
  await expect(role.locator('td').last()).toHaveText('reporter');
  await expectAccessibleEverywhere(page);
  await screenshot(page, 'admin-audit');
  await page.goto('/admin/security');
  await expect(page.locator('.security-events tr[data-kind="client_auth_succeeded"]').first()).toBeVisible();
  await expectAccessibleEverywhere(page);

  // The new user signs in with the one-time password and must change it first.
  const context = await browser.newContext({ baseURL, locale: 'da-DK' });
  const newcomer = await context.newPage();
  await signIn(newcomer, email, oneTimePassword);
  await expect(newcomer).toHaveURL(/\/change-password$/);
  await context.close();
});
