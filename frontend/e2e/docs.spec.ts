import { expect, test } from './fixtures';

const local = (url: URL) => url.hostname === '127.0.0.1' || url.hostname === 'localhost';

/** Every request to another host fails, and every request the page makes at all is recorded. */
async function offline(page: import('@playwright/test').Page): Promise<string[]> {
  const outside: string[] = [];
  page.on('request', (request) => {
    if (!local(new URL(request.url())) && !request.url().startsWith('data:')) outside.push(request.url());
  });
  await page.route((url) => !local(url), (route) => route.abort('internetdisconnected'));
  return outside;
}

test.describe.configure({ timeout: 90_000 });

test('/docs renders Swagger UI with the network blocked and asks no other host for anything', async ({ page }) => {
  const outside = await offline(page);
  await page.goto('/docs');
  await expect(page.locator('.swagger-ui .info .title')).toContainText('Sammen API', { timeout: 60_000 });
  await expect(page.locator('.opblock-summary-path', { hasText: '/api/v1/goals' }).first()).toBeVisible();
  expect(outside).toEqual([]);
});

test('/redoc renders ReDoc with the network blocked and asks no other host for anything', async ({ page }) => {
  const outside = await offline(page);
  await page.goto('/redoc');
  await expect(page.getByRole('heading', { name: /Sammen API/ }).first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('/api/v1/goals').first()).toBeAttached();
  expect(outside).toEqual([]);
});
