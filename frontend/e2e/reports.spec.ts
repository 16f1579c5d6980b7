import type { APIRequestContext } from '@playwright/test';
import { apiAs, expect, expectAccessible, screenshot, SCREENSHOTS, signIn, test } from './fixtures';

const SECRETARIAT = 'editor@sekretariat.demo'; // also the partnership's secretary in the demo
const FRAME = 'iframe.report-frame'; // the document, sandboxed without scripts: axe checks it on its own page

async function etag(api: APIRequestContext, path: string): Promise<string> {
  const res = await api.get(path);
  expect(res.ok()).toBeTruthy();
  return res.headers()['etag']!;
}

/** A held partnership meeting with an agenda item for the report, made as its secretary would (API). */
async function partnershipMeeting(api: APIRequestContext, title: string): Promise<{ meeting: number; item: number }> {
  const bodies = await (await api.get('/api/v1/bodies?kind=partnership')).json();
  const starts = new Date(Date.now() - 2 * 3600_000);
  const meeting = await (
    await api.post('/api/v1/meetings', {
      data: {
        body_id: bodies.items[0].id,
        title,
        starts_at: starts.toISOString(),
        ends_at: new Date(starts.getTime() + 3600_000).toISOString(),
        place: 'Gladsaxe Rådhus',
      },
    })
  ).json();
  const item = await (
    await api.post(`/api/v1/meetings/${meeting.id}/agenda-items`, { data: { title: 'Effektstatus', kind: 'decision' } })
  ).json();
  for (const step of ['publish-agenda', 'hold']) {
    const path = `/api/v1/meetings/${meeting.id}`;
    const res = await api.post(`${path}/${step}`, { headers: { 'If-Match': await etag(api, path) } });
    expect(res.ok()).toBeTruthy();
  }
  return { meeting: meeting.id, item: item.id };
}

test('a secretariat editor takes a new draft to a frozen report; an AAB editor comments in review', async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  await signIn(page, SECRETARIAT);
  await page.goto('/reports');
  await expect(page.getByRole('heading', { level: 1, name: 'Effektstatus' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Opret kladde' }).click();
  await expect(page).toHaveURL(/\/reports\/\d+$/);
  const url = page.url();
  await expect(page.locator('.report-state').first()).toHaveText('Kladde');

  const text = page.getByLabel('Tekst (Markdown)');
  await text.fill('Året i **korte** træk.\n\n- beskæftigelsen stiger');
  await expect(page.locator('.preview strong')).toHaveText('korte');
  await page.getByRole('button', { name: 'Gem afsnittet' }).click();
  await expect(page.getByText('Ændringerne er gemt.')).toBeVisible();
  await page.getByRole('button', { name: /Vurdering: mål 1/ }).click();
  const k1 = page.locator('.figures-panel [data-indicator="k1-uden-beskaeftigelse"]');
  await expect(k1.locator('.status-badge')).toHaveText('Ikke på rette vej');
  await expect(k1).toContainText('På den forkerte side af en lovgrænse');
  await expectAccessible(page);
  await screenshot(page, 'report-editor');

  await page.getByRole('button', { name: 'Send i høring' }).click();
  await expect(page.locator('.report-state').first()).toHaveText('I høring');
  const freeze = page.getByRole('button', { name: 'Frys med partnerskabets beslutning' });
  await expect(freeze).toBeDisabled();
  await expect(page.getByText('Rapporten skal være fremlagt på et partnerskabsmøde, før den kan fryses.')).toBeVisible();

  // An AAB editor comments on goal 2 while the report is in review (in a browser of their own).
  const aab = await browser.newContext({ baseURL, locale: 'da-DK', timezoneId: 'Europe/Copenhagen' });
  const other = await aab.newPage();
  await signIn(other, 'editor@aab.demo');
  await other.goto(url);
  await other.getByRole('button', { name: /Vurdering: mål 2/ }).click();
  await other.getByLabel('Din kommentar').fill('Nævn gerne tryghedsvandringerne.');
  await other.getByRole('button', { name: 'Tilføj kommentar' }).click();
  await expect(other.locator('.comment-list')).toContainText('Nævn gerne tryghedsvandringerne.');
  await expect(other.getByRole('button', { name: 'Send i høring' })).toBeDisabled();
  await expectAccessible(other);
  await screenshot(other, 'report-review-comment');
  await aab.close();

  // The secretariat presents it on the partnership's agenda, the partnership approves it, it is frozen.
  const api = await apiAs(baseURL!, SECRETARIAT);
  const { meeting, item } = await partnershipMeeting(api, 'Partnerskabsmøde, e2e');
  await page.reload();
  await page.getByRole('button', { name: 'Fremlæg på et partnerskabsmøde' }).click();
  const choice = page.getByLabel('Dagsordenspunkt').locator('option', { hasText: 'Partnerskabsmøde, e2e: Effektstatus' });
  await page.getByLabel('Dagsordenspunkt').selectOption((await choice.getAttribute('value'))!);
  await page.locator('.picker').getByRole('button', { name: 'Fremlæg på et partnerskabsmøde' }).click();
  await expect(page.locator('.report-state').first()).toHaveText('Fremlagt');

  const decision = await api.post('/api/v1/decisions', {
    data: { meeting_id: meeting, agenda_item_id: item, kind: 'approve_status_report', title: 'Effektstatus godkendt', text: 'Godkendt.' },
  });
  expect(decision.ok()).toBeTruthy();
  await page.getByRole('button', { name: 'Frys med partnerskabets beslutning' }).click();
  await page.getByLabel('Beslutning').selectOption({ index: 1 });
  await page.locator('.picker').getByRole('button', { name: 'Frys med partnerskabets beslutning' }).click();
  await expect(page.locator('.report-state').first()).toHaveText('Godkendt og frosset');
  await expect(page.getByTestId('content-hash')).toHaveText(/^[0-9a-f]{64}$/);
  await expect(page.getByText('Ingen tal er ændret siden rapporten blev frosset.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Gem afsnittet' })).toHaveCount(0);
  await expectAccessible(page, [FRAME]);
  await screenshot(page, 'report-frozen');
  await api.dispose();
});

test('anyone reads the frozen reports and downloads the public edition', async ({ page }) => {
  test.setTimeout(120_000); // the PDF is typeset on request (a few seconds; more on a busy machine)
  await page.goto('/reports');
  const rows = page.locator('tr[data-report]');
  await expect(rows.first()).toBeVisible();
  await expect(page.locator('.report-state')).not.toContainText(['Kladde']);
  await expectAccessible(page);
  await rows.first().getByRole('link').click();
  await expect(page.locator('.report-state').first()).toHaveText('Godkendt og frosset');
  await expect(page.getByTestId('content-hash')).toHaveText(/^[0-9a-f]{64}$/);
  await expect(page.getByRole('radio')).toHaveCount(0); // only the public edition for anonymous readers
  await expect(page.frameLocator(FRAME).getByRole('heading', { level: 1 })).toContainText('Effektstatus');
  await expectAccessible(page, [FRAME]);
  await screenshot(page, 'report-public');
  await page.locator(FRAME).screenshot({ path: `${SCREENSHOTS}/report-public-document.png` });
  const reportUrl = page.url();
  // The document itself, as the API serves it to anyone once frozen.
  await page.goto(`/api/v1/reports/${reportUrl.split('/').pop()}.html?edition=public`);
  await expect(page.getByRole('navigation', { name: 'Indhold' })).toBeVisible();
  await expectAccessible(page);
  await page.goto(reportUrl);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Hent PDF' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^effektstatus-\d{4}-offentlig\.pdf$/);
  const pdf = await (await import('node:fs/promises')).readFile((await download.path())!);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
});
