/** Shared e2e helpers: the backend's URL, signing in through the UI, the API as a script, axe, screenshots. */
import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, request, type APIRequestContext, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SCREENSHOTS = fileURLToPath(new URL('../artifacts/screenshots', import.meta.url));

export const test = base.extend({
  // eslint-disable-next-line no-empty-pattern
  baseURL: async ({}, use) => {
    const url = process.env.E2E_BASE_URL;
    if (!url) throw new Error('E2E_BASE_URL is not set (global setup did not run)');
    await use(url);
  },
});
export { expect };

export async function signIn(page: Page, email: string, password = 'demo'): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Adgangskode').fill(password);
  await page.getByRole('button', { name: 'Log ind' }).click();
  await expect(page.locator('.user-menu summary')).toBeVisible();
}

/** Zero serious or critical WCAG 2.1 A/AA violations on the page as it is now. `exclude`: selectors axe
 * cannot enter (a sandboxed frame without scripts: check its document on its own instead). */
export async function expectAccessible(page: Page, exclude: string[] = []): Promise<void> {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  for (const selector of exclude) builder = builder.exclude(selector);
  const results = await builder.analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

/** The same check at desktop width and on a 390 px phone (the viewport is put back afterwards). */
export async function expectAccessibleEverywhere(page: Page): Promise<void> {
  const desktop = page.viewportSize();
  await expectAccessible(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectAccessible(page);
  if (desktop) await page.setViewportSize(desktop);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The API as a partner script uses it (password grant, token in the JSON body). */
export async function apiAs(baseURL: string, email: string, password = 'demo'): Promise<APIRequestContext> {
  const anon = await request.newContext({ baseURL });
  const res = await anon.post('/api/v1/auth/token', { form: { grant_type: 'password', username: email, password } });
  expect(res.ok()).toBeTruthy();
  const { access_token } = (await res.json()) as { access_token: string };
  await anon.dispose();
  return request.newContext({ baseURL, extraHTTPHeaders: { Authorization: `Bearer ${access_token}` } });
}
