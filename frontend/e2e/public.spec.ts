/**
 * The public site (/offentlig/, /en/public/) in Chromium: every page type at 1366×900 and 390×844,
 * axe (WCAG 2.1 A/AA) reporting no violation of any impact, no sideways scrolling; with JavaScript
 * off, every page type complete at both sizes; then the keyboard: every link reached with a visible
 * focus, and the skip link.
 *
 * The site runs no JavaScript of its own, so a page's DOM is the same with JavaScript on and off:
 * axe (which itself runs as JavaScript) checks each page once per viewport, and the JavaScript-off
 * pass checks only that each page arrives whole.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import { apiAs, expect, test } from './fixtures';

type Visit = { name: string; path: string };

/** A public meeting of the coordination group with approved minutes and a decision (the demo has none). */
async function publicMeeting(baseURL: string): Promise<number> {
  const chair = await apiAs(baseURL, 'editor@vores-hg.demo');
  const bodies = (await (await chair.get('/api/v1/bodies?limit=500')).json()) as { items: { id: number; slug: string }[] };
  const body = bodies.items.find((b) => b.slug === 'koordinationsgruppe')!.id;
  const starts = new Date(Date.now() - 3 * 86_400_000);
  const meeting = (await (
    await chair.post('/api/v1/meetings', {
      data: {
        body_id: body,
        title: 'Offentligt møde om byfesten',
        starts_at: starts.toISOString(),
        ends_at: new Date(starts.getTime() + 7_200_000).toISOString(),
        place: 'Medborgerhuset',
        visibility: 'public',
      },
    })
  ).json()) as { id: number };
  const path = `/api/v1/meetings/${meeting.id}`;
  const item = (await (await chair.post(`${path}/agenda-items`, { data: { title: 'Byfest i parken', kind: 'decision' } })).json()) as {
    id: number;
  };
  const act = async (action: string): Promise<void> => {
    const etag = (await chair.get(path)).headers().etag!;
    expect((await chair.post(`${path}/${action}`, { headers: { 'If-Match': etag } })).status()).toBe(200);
  };
  await act('publish-agenda');
  await act('hold');
  await chair.post(`${path}/minutes`, { data: { agenda_item_id: item.id, text: 'Festen holdes i juni.' } });
  await act('minutes/circulate');
  await act('minutes/approve');
  const decision = await chair.post('/api/v1/decisions', {
    data: { meeting_id: meeting.id, agenda_item_id: item.id, kind: 'general', title: 'Byfesten godkendt', text: 'Festen holdes i juni.' },
  });
  expect(decision.status()).toBe(201);
  await chair.dispose();
  return meeting.id;
}

async function visits(baseURL: string): Promise<Visit[]> {
  const meeting = await publicMeeting(baseURL);
  const anonymous = await apiAs(baseURL, 'viewer@aab.demo');
  const story = ((await (await anonymous.get('/api/v1/good-stories?limit=1')).json()) as { items: { id: number }[] }).items[0]!.id;
  const initiative = ((await (await anonymous.get('/api/v1/initiatives?limit=1')).json()) as { items: { id: number }[] }).items[0]!.id;
  await anonymous.dispose();
  return [
    { name: 'front', path: '/offentlig/' },
    { name: 'goal', path: '/offentlig/maal/2' },
    { name: 'goal-en', path: '/en/public/goals/1' },
    { name: 'initiatives', path: '/offentlig/indsatser?goal=3' },
    { name: 'initiative', path: `/offentlig/indsatser/${initiative}` },
    { name: 'stories', path: '/offentlig/gode-historier' },
    { name: 'story', path: `/offentlig/gode-historier/${story}` },
    { name: 'decisions', path: '/offentlig/beslutninger' },
    { name: 'minutes-list', path: '/offentlig/referater' },
    { name: 'minutes', path: `/offentlig/referater/${meeting}` },
    { name: 'about', path: '/offentlig/om-aftalen' },
    { name: 'reports', path: '/offentlig/statusrapporter' },
    { name: 'accessibility', path: '/offentlig/tilgaengelighed' },
    { name: 'privacy', path: '/en/public/privacy' },
    { name: 'not-found', path: '/offentlig/findes-ikke' },
  ];
}

let pages: Visit[] = [];

test.beforeAll(async ({ baseURL }) => {
  pages = await visits(baseURL!);
});

async function open(browser: Browser, baseURL: string, width: number, height: number, javaScriptEnabled: boolean): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport: { width, height }, javaScriptEnabled, locale: 'da-DK' });
  return context.newPage();
}

const VIEWPORTS = [
  [1366, 900],
  [390, 844],
] as const;

for (const [width, height] of VIEWPORTS) {
  test(`every public page type at ${width}×${height}: accessible, no sideways scrolling, no cookies`, async ({ browser, baseURL }) => {
    test.setTimeout(90_000);
    const page = await open(browser, baseURL!, width, height, true);
    for (const visit of pages) {
      const response = await page.goto(visit.path);
      expect(response!.status(), visit.name).toBe(visit.name === 'not-found' ? 404 : 200);
      expect(response!.headers()['set-cookie'], visit.name).toBeUndefined();
      await expect(page.locator('h1'), visit.name).toBeVisible();
      const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(sideways, `${visit.name} scrolls sideways`).toBeLessThanOrEqual(0);
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).options({ resultTypes: ['violations'] }).analyze();
      expect(results.violations.map((v) => `${visit.name}: ${v.id} (${v.impact}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    }
    await page.context().close();
  });
}

test('with JavaScript off every public page type arrives whole at both sizes', async ({ browser, baseURL }) => {
  for (const [width, height] of VIEWPORTS) {
    const page = await open(browser, baseURL!, width, height, false);
    for (const visit of pages) {
      const response = await page.goto(visit.path);
      expect(response!.status(), visit.name).toBe(visit.name === 'not-found' ? 404 : 200);
      await expect(page.locator('main h1'), visit.name).toBeVisible();
      expect((await page.locator('main').innerText()).length, `${visit.name}: the main content`).toBeGreaterThan(60);
      await expect(page.locator('nav a').first(), visit.name).toBeVisible();
      await expect(page.locator('footer a').first(), visit.name).toBeVisible();
    }
    await page.context().close();
  }
});

test('the keyboard reaches every link and control with a visible focus, and the skip link moves to the content', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const page = await open(browser, baseURL!, 1366, 900, false);
  for (const visit of pages) {
    await page.goto(visit.path);
    const wanted = await page.locator('a[href], select, button, [tabindex="0"]').count();
    const reached: string[] = [];
    for (let n = 0; n < wanted + 2; n += 1) {
      await page.keyboard.press('Tab');
      const focus = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const style = getComputedStyle(el);
        const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
        return { key: `${el.tagName}|${el.getAttribute('href') ?? el.id}|${el.textContent?.slice(0, 40)}`, visible: outline || style.boxShadow !== 'none' };
      });
      if (!focus) break;
      expect(focus.visible, `${visit.name}: no visible focus on ${focus.key}`).toBe(true);
      if (reached.includes(focus.key)) break;
      reached.push(focus.key);
    }
    expect(reached.length, `${visit.name}: the keyboard reached ${reached.length} of ${wanted}`).toBeGreaterThanOrEqual(wanted);
  }
  // The skip link is the first stop; following it puts the focus on the content, and the next stop is inside it.
  await page.goto('/offentlig/maal/2');
  await page.keyboard.press('Tab');
  await expect(page.locator('.skipnav')).toBeFocused();
  await expect(page.locator('.skipnav')).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#indhold')).toBeFocused();
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.querySelector('main')!.contains(document.activeElement))).toBe(true);
  await page.context().close();
});
