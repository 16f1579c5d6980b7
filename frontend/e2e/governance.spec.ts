/**
 * Governance in the browser against the real backend: a working group from proposal to an approved
 * kommissorium through a partnership meeting, minutes approved by a chair, who sees and edits what,
 * the calendar feed, and every governance page checked with axe at desktop and phone width.
 */
import type { Browser, Page } from '@playwright/test';
import { apiAs, expect, expectAccessible, screenshot, signIn, test } from './fixtures';

const COPENHAGEN_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen' });

/** A second person in their own browser context, signed in. */
async function personPage(browser: Browser, baseURL: string, email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'da-DK', timezoneId: 'Europe/Copenhagen' });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

/** axe at desktop width and at 390 px (the same page, resized), with a screenshot of each. */
async function checkBothWidths(page: Page, name: string): Promise<void> {
  const t0 = Date.now();
  await page.setViewportSize({ width: 1280, height: 900 });
  await expectAccessible(page);
  await screenshot(page, name);
  await page.setViewportSize({ width: 390, height: 844 });
  await expectAccessible(page);
  await screenshot(page, `${name}-390`);
  await page.setViewportSize({ width: 1280, height: 900 });
  if (process.env.E2E_TIMING) console.log(`${name}: ${Date.now() - t0} ms`);
}

test('the secretariat takes a working group from proposal to an approved kommissorium through a partnership meeting', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const group = `Arbejdsgruppe for lektiehjælp ${Date.now().toString(36)}`;

  // An admin sets the group up under the coordination group, with a draft kommissorium, and submits it.
  await signIn(page, 'admin@sammen.demo');
  await page.goto('/bodies');
  await page.locator('[data-body="koordinationsgruppe"]').getByRole('link', { name: 'Nedsæt en arbejdsgruppe' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nedsæt en arbejdsgruppe' })).toBeVisible();
  await page.getByRole('button', { name: 'Opret arbejdsgruppen med udkastet' }).click();
  await expect(page.locator('#wg-name-error')).toHaveText('Udfyld feltet');
  await page.getByLabel('Navn', { exact: true }).fill(group);
  await expect(page.getByLabel('Kort navn til adresser')).toHaveValue(/^arbejdsgruppe-for-lektiehjaelp-/);
  await page.getByLabel('Formål', { exact: true }).first().fill('Få flere børn i lektiecaféen.');
  await page.getByLabel(/^Opgaver/).fill('- Kortlægge tilbuddene\n- Foreslå en fælles indsats');
  await page.getByLabel(/^Mødefrekvens/).fill('Hver anden måned');
  await page.getByRole('button', { name: 'Opret arbejdsgruppen med udkastet' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(group);
  await expect(page.getByRole('status').filter({ hasText: 'Arbejdsgruppen er oprettet' })).toBeVisible();
  const version = page.locator('tr[data-mandate]');
  await expect(version).toHaveAttribute('data-status', 'draft');
  await version.getByRole('button', { name: 'Indsend til godkendelse' }).click();
  await expect(version).toHaveAttribute('data-status', 'submitted');
  const groupUrl = page.url();
  // An external participant joins, shown with the affiliation.
  await page.getByRole('button', { name: 'Tilføj et medlem' }).click();
  await page.getByLabel('En ekstern deltager').check();
  await page.getByLabel('Navn', { exact: true }).fill('Peter Nørgaard');
  await page.getByLabel(/^Tilknytning/).fill('Høje Gladsaxe Kirke');
  await page.locator('.member-form').getByRole('button', { name: 'Tilføj et medlem' }).click();
  const external = page.locator('.member-list li', { hasText: 'Peter Nørgaard' });
  await expect(external).toContainText('Høje Gladsaxe Kirke');
  await expect(external.locator('.tag-external')).toHaveText('ekstern');

  // The partnership's secretary plans a meeting (today, already begun) with an agenda item linking it.
  const secretary = await personPage(browser, baseURL!, 'editor@sekretariat.demo');
  await secretary.goto('/meetings/new');
  await secretary.getByLabel('Organ').selectOption({ label: 'Bystrategisk partnerskab' });
  await secretary.getByLabel('Titel').fill('Ekstraordinært partnerskabsmøde');
  await secretary.getByLabel('Dato').fill(COPENHAGEN_DATE.format(new Date()));
  await secretary.getByLabel('Starter').fill('00:00');
  await secretary.getByLabel('Slutter').fill('00:45');
  await secretary.getByLabel(/^Sted/).fill('Gladsaxe Rådhus');
  await secretary.getByRole('button', { name: 'Planlæg mødet' }).click();
  await expect(secretary.getByRole('heading', { level: 1 })).toContainText('Ekstraordinært partnerskabsmøde');

  for (const [title, restricted] of [
    ['Kommissorium for arbejdsgruppen', false],
    ['Politiets orientering', true],
    ['Eventuelt', false],
  ] as const) {
    await secretary.getByRole('button', { name: 'Tilføj et punkt' }).click();
    const form = secretary.locator('.agenda-new');
    await form.getByLabel('Punktets titel').fill(title);
    if (restricted) await form.getByLabel('Fortroligt punkt').check();
    if (title.startsWith('Kommissorium')) {
      await form.getByLabel('Type').selectOption('decision');
      await form.getByLabel('Hvad vil du koble til?').selectOption({ label: 'Kommissorium' });
      await form.getByLabel('Søg efter kommissorium').fill(group.slice(-12));
      await form.getByRole('button', { name: /indsendt/ }).click();
      await expect(form.locator('[data-picked^="mandate:"]')).toBeVisible();
    }
    await form.getByRole('button', { name: 'Tilføj punktet' }).click();
    await expect(secretary.locator('.agenda-item', { hasText: title })).toBeVisible();
    await form.getByRole('button', { name: 'Annuller' }).click();
  }
  const agenda = secretary.locator('.agenda-item .agenda-title');
  await expect(agenda).toHaveText(['Kommissorium for arbejdsgruppen', 'Politiets orientering', 'Eventuelt']);
  await expect(secretary.locator('.agenda-item', { hasText: 'Politiets orientering' }).locator('[data-restricted]')).toHaveText('Fortroligt');
  await expect(secretary.locator('.agenda-item').first().locator('.link-chip')).toContainText(group);

  // Reorder from the keyboard: "Eventuelt" up one place; the order is saved.
  await secretary.getByRole('button', { name: 'Flyt punkt 3: Eventuelt' }).focus();
  await secretary.keyboard.press('Space');
  await secretary.keyboard.press('ArrowUp');
  await expect(secretary.getByRole('status').filter({ hasText: 'plads 2 af 3' })).toBeAttached();
  const saved = secretary.waitForResponse((r) => r.url().endsWith('/agenda-order') && r.status() === 200);
  await secretary.keyboard.press('Space');
  await saved;
  await secretary.reload();
  await expect(agenda).toHaveText(['Kommissorium for arbejdsgruppen', 'Eventuelt', 'Politiets orientering']);
  // ... and by dragging: the police item onto "Eventuelt".
  const dragged = secretary.waitForResponse((r) => r.url().endsWith('/agenda-order') && r.status() === 200);
  await secretary.locator('.agenda-item', { hasText: 'Politiets orientering' }).dragTo(secretary.locator('.agenda-item', { hasText: 'Eventuelt' }));
  await dragged;
  await secretary.reload();
  await expect(agenda).toHaveText(['Kommissorium for arbejdsgruppen', 'Politiets orientering', 'Eventuelt']);
  await checkBothWidths(secretary, 'meeting-agenda-builder');

  await secretary.getByRole('button', { name: 'Udsend dagsordenen' }).click();
  await expect(secretary.locator('.meeting-page')).toHaveAttribute('data-status', 'agenda_published');
  await secretary.getByRole('button', { name: 'Markér mødet som afholdt' }).click();
  await expect(secretary.locator('.meeting-page')).toHaveAttribute('data-status', 'held');

  // Attendance, with a substitute.
  const row = secretary.locator('.attendance-rows li').first();
  await row.getByLabel('Stedfortræder').check();
  await row.getByLabel('Stedfortræderens navn').fill('Lise Krog');
  await secretary.getByRole('button', { name: 'Gem fremmødet' }).click();
  await expect(secretary.getByText('Fremmødet er gemt.')).toBeVisible();
  await expect(secretary.locator('[data-attendance-summary]')).toContainText('1 med stedfortræder');

  // The minutes: text with a preview, an approve_mandate decision and an action item from the item.
  await secretary.getByRole('link', { name: 'Skriv referatet' }).click();
  const item = secretary.locator('.minutes-item', { hasText: 'Kommissorium for arbejdsgruppen' });
  await item.getByRole('button', { name: /^Skriv referat/ }).click();
  await item.getByLabel(/^Referat af/).fill('**Kommissoriet** blev drøftet.\n\n- Godkendt uden ændringer');
  await item.getByRole('button', { name: 'Forhåndsvisning' }).click();
  await expect(item.locator('[data-preview] strong')).toHaveText('Kommissoriet');
  await item.getByRole('button', { name: 'Gem udkastet' }).click();
  await expect(item.locator('[data-minutes] strong')).toHaveText('Kommissoriet');

  await item.getByRole('button', { name: /^Registrér en beslutning/ }).click();
  await item.getByLabel('Type').selectOption('approve_mandate');
  await item.getByLabel('Titel').fill('Kommissorium for lektiehjælpsgruppen godkendt');
  await item.getByLabel('Beslutningens ordlyd').fill('Partnerskabet godkender kommissoriet.');
  await expect(item.locator('[data-picked^="mandate:"]')).toBeVisible(); // the item's own link, carried over
  await item.getByRole('button', { name: 'Registrér en beslutning' }).click();
  await expect(item.locator('[data-decision]')).toContainText('Kommissorium for lektiehjælpsgruppen godkendt');

  await item.getByRole('button', { name: /^Opret et opfølgningspunkt/ }).click();
  await item.getByLabel('Hvad skal gøres').fill('Indkalde til gruppens første møde');
  await item.getByLabel('Ansvarlig').selectOption({ label: 'Demo editor (Boligforeningen AAB)' });
  await item.getByLabel(/^Frist/).fill('2030-01-15');
  await item.getByRole('button', { name: 'Opret et opfølgningspunkt' }).click();
  await expect(item.locator('[data-action]')).toContainText('Indkalde til gruppens første møde');
  await checkBothWidths(secretary, 'minutes-draft');

  await secretary.getByRole('button', { name: 'Rundsend udkastet' }).click();
  await expect(secretary.locator('.minutes-page')).toHaveAttribute('data-step', 'circulated');
  await secretary.getByRole('button', { name: 'Godkend referatet' }).click();
  await expect(secretary.locator('.minutes-page')).toHaveAttribute('data-step', 'approved');
  await expect(secretary.locator('[data-minutes-state]')).toContainText('Godkendt af Demo editor (Sekretariatet)');

  // The kommissorium now shows as approved, with the decision linked both ways.
  await page.goto(groupUrl);
  await expect(version).toHaveAttribute('data-status', 'approved');
  await version.getByRole('link', { name: 'Se beslutningen' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kommissorium for lektiehjælpsgruppen godkendt');
  await expect(page.locator('[data-references]')).toContainText(`${group}: kommissorium v1`);
  await checkBothWidths(page, 'decision');

  // The action item's owner finds it under "mine".
  const owner = await personPage(browser, baseURL!, 'editor@aab.demo');
  await owner.goto('/action-items');
  await expect(owner.locator('[data-action]', { hasText: 'Indkalde til gruppens første møde' })).toBeVisible();
  await owner.context().close();
  await secretary.context().close();
});

test('a chair approves circulated minutes', async ({ page, baseURL }) => {
  const chair = await apiAs(baseURL!, 'editor@gladsaxe-kommune.demo');
  const bodies = await (await chair.get('/api/v1/bodies')).json();
  const partnership = bodies.items.find((b: { slug: string }) => b.slug === 'partnerskab');
  const start = new Date(Date.now() - 3 * 86_400_000);
  const meeting = await (
    await chair.post('/api/v1/meetings', {
      data: { body_id: partnership.id, title: 'Partnerskabsmøde til godkendelse', starts_at: start.toISOString(), ends_at: new Date(start.getTime() + 3_600_000).toISOString() },
    })
  ).json();
  const m = `/api/v1/meetings/${meeting.id}`;
  const item = await (await chair.post(`${m}/agenda-items`, { data: { title: 'Status' } })).json();
  const act = async (path: string) => {
    const etag = (await chair.get(m)).headers().etag!;
    expect((await chair.post(path, { headers: { 'If-Match': etag } })).status()).toBe(200);
  };
  await act(`${m}/publish-agenda`);
  await act(`${m}/hold`);
  expect((await chair.post(`${m}/minutes`, { data: { agenda_item_id: item.id, text: 'Status blev givet.' } })).status()).toBe(201);
  await act(`${m}/minutes/circulate`);
  await chair.dispose();

  await signIn(page, 'editor@gladsaxe-kommune.demo');
  await page.goto(`/meetings/${meeting.id}/minutes`);
  await expect(page.locator('.minutes-page')).toHaveAttribute('data-step', 'circulated');
  await page.getByRole('button', { name: 'Godkend referatet' }).click();
  await expect(page.locator('[data-minutes-state]')).toContainText('Godkendt af Demo editor (Gladsaxe Kommune)');
  await expect(page.getByRole('button', { name: /Ret det godkendte referat/ })).toBeVisible();
});

test('an AAB editor reads another body’s minutes but cannot change them', async ({ page }) => {
  await signIn(page, 'editor@aab.demo');
  // The coordination group's approved minutes (demo meeting 1): readable, no actions.
  await page.goto('/meetings/1/minutes');
  await expect(page.locator('.minutes-item').first()).toContainText('Sekretariatet gennemgik status');
  for (const name of [/Rediger referatet/, /Ret det godkendte referat/, /Registrér en beslutning/, /Opret et opfølgningspunkt/, /Godkend referatet/]) {
    await expect(page.getByRole('button', { name })).toHaveCount(0);
  }
  // Changing the meeting itself is refused with a clear page.
  await page.goto('/meetings/1/edit');
  await expect(page.getByRole('heading', { level: 1, name: 'Du har ikke adgang' })).toBeVisible();
  await page.goto('/meetings/1');
  await expect(page.getByRole('button', { name: 'Gem fremmødet' })).toHaveCount(0);
  await expect(page.locator('.attendance-table')).toBeVisible();
});

test('a restricted agenda item is invisible to a 3B viewer, and the calendar feed downloads as valid iCalendar', async ({ page, baseURL }) => {
  // A member of the partnership sees the police item, marked.
  const member = await apiAs(baseURL!, 'editor@3b.demo');
  const asMember = await (await member.get('/api/v1/meetings/2/agenda-items')).json();
  const memberItems: { title: string; restricted: boolean }[] = Array.isArray(asMember) ? asMember : asMember.items;
  expect(memberItems.map((i) => i.title)).toContain('Tryghed: politiets orientering');
  await member.dispose();
  // The viewer sees every other item (the mandates, the amendment, and last year's effect status the
  // report seed presents at this meeting), each with its minutes.
  const open = memberItems.filter((i) => !i.restricted).map((i) => i.title);
  expect(open.slice(0, 2)).toEqual(['Kommissorier for partnerskab og koordinationsgruppe', 'Justering af aftalen']);

  await signIn(page, 'viewer@3b.demo');
  await page.goto('/meetings/2');
  await expect(page.locator('.agenda-item .agenda-title')).toHaveText(open);
  await expect(page.getByText('Tryghed: politiets orientering')).toHaveCount(0);
  await page.goto('/meetings/2/minutes');
  await expect(page.locator('.minutes-item')).toHaveCount(open.length);
  await expect(page.getByText('Politiet orienterede')).toHaveCount(0);

  await page.goto('/meetings');
  await page.getByRole('link', { name: 'Abonnér på møderne i din kalender' }).click();
  await page.getByRole('button', { name: 'Lav min kalenderadresse' }).click();
  const url = await page.locator('#feed-all').inputValue();
  expect(url).toMatch(/\/api\/v1\/calendar\/meetings\.ics\?token=/);
  const feed = await page.request.get(url);
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toContain('text/calendar');
  const ics = await feed.text();
  expect(ics.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
  expect(ics.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
  expect(ics).toContain('BEGIN:VTIMEZONE');
  expect(ics).toMatch(/DTSTART;TZID=Europe\/Copenhagen:\d{8}T\d{6}/);
  expect(ics.match(/BEGIN:VEVENT/g)?.length).toBe(ics.match(/END:VEVENT/g)?.length);
  expect(ics).not.toContain('politiets orientering'); // the restricted item stays out of the feed too
  expect(ics.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true);
  await checkBothWidths(page, 'calendar-feed');
});

/** Each page: its heading, no skeleton left, then axe and screenshots at both widths. */
async function tour(page: Page, pages: [string, string, string][]): Promise<void> {
  for (const [path, name, heading] of pages) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    await expect(page.locator('[data-skeleton]')).toHaveCount(0);
    await checkBothWidths(page, name);
  }
}

test('the public governance pages and the sign-in refusal pass axe at desktop and 390 px', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/');
  await expect(page.locator('.agreement-organisation [data-body="partnerskab"]')).toContainText('overordnet ansvarlig');
  await expect(page.locator('.agreement-organisation [data-body="koordinationsgruppe"]')).toContainText('taktisk forum');
  await checkBothWidths(page, 'agreement-organisation');
  await page.goto('/meetings/calendar-feed');
  await expect(page.locator('#feed-public')).toHaveValue(/\/api\/v1\/calendar\/meetings\.ics$/);
  await page.goto('/action-items');
  await expect(page.getByRole('heading', { level: 1, name: 'Log ind for at se siden' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Log ind' }).last()).toHaveAttribute('href', '/login?next=%2Faction-items');
  await checkBothWidths(page, 'refusal-sign-in');
});

test('the organisation and body pages pass axe at desktop and 390 px, in Danish and English', async ({ page, baseURL }) => {
  test.setTimeout(150_000);
  const admin = await apiAs(baseURL!, 'admin@sammen.demo');
  const bodies = (await (await admin.get('/api/v1/bodies')).json()).items as { id: number; slug: string }[];
  const coordination = bodies.find((b) => b.slug === 'koordinationsgruppe')!.id;
  const safety = bodies.find((b) => b.slug === 'arbejdsgruppe-tryghed')!.id;
  // A second kommissorium version with a changed text, for the side-by-side view; a proposed group to set up.
  expect((await admin.post(`/api/v1/bodies/${coordination}/mandates`, {
    data: { purpose: 'Koordinationsgruppen sikrer sammenhæng mellem indsatser, aktører og beboere.', meeting_frequency: '6 gange om året' },
  })).status()).toBe(201);
  const proposed = await (await admin.post('/api/v1/bodies', {
    data: { slug: `gruppe-${Date.now().toString(36)}`, kind: 'working_group', name: 'Arbejdsgruppe for belysning', purpose: 'Bedre lys på stierne.', parent_id: coordination },
  })).json();
  await admin.dispose();

  await signIn(page, 'admin@sammen.demo');
  await tour(page, [
    ['/bodies', 'organisation', 'Organisering'],
    ['/bodies/1', 'body-partnership', 'Bystrategisk partnerskab'],
    [`/bodies/${coordination}/mandates/compare`, 'mandate-compare', 'Sammenlign versioner af kommissoriet'],
    [`/bodies/${coordination}/working-groups/new`, 'working-group-new', 'Nedsæt en arbejdsgruppe'],
    [`/bodies/${coordination}/mandates/new`, 'mandate-new', 'Ny version af kommissoriet'],
    [`/bodies/${proposed.id}/set-up`, 'body-set-up', 'Nedsæt arbejdsgruppen'],
    [`/bodies/${safety}/dissolve`, 'body-dissolve', 'Nedlæg arbejdsgruppen'],
  ]);
  // The side-by-side view marks the changed fields.
  await page.goto(`/bodies/${coordination}/mandates/compare`);
  await expect(page.locator('tr[data-field="meeting_frequency"][data-changed="yes"] ins')).toContainText('6');
  // English, with English dates.
  await page.getByRole('button', { name: 'Switch to English' }).click();
  await page.goto('/bodies/1');
  await expect(page.getByRole('heading', { level: 2, name: 'Members and composition' })).toBeVisible();
  await expect(page.locator('.mandate-versions')).toContainText('12 March 2025');
  await screenshot(page, 'body-partnership-en');
});

test('the meeting, minutes, decision and action item pages pass axe at desktop and 390 px', async ({ page }) => {
  test.setTimeout(150_000);
  await signIn(page, 'admin@sammen.demo');
  await tour(page, [
    ['/meetings', 'meetings', 'Møder'],
    ['/meetings?view=calendar&month=2025-03', 'meetings-calendar', 'Møder'],
    ['/meetings/new', 'meeting-new', 'Planlæg et møde'],
    ['/meetings/4/edit', 'meeting-edit', 'Rediger mødet'],
    ['/meetings/2', 'meeting', 'Partnerskabsmøde, forår'],
    ['/meetings/2/minutes', 'minutes', 'Referat: Partnerskabsmøde, forår'],
    ['/decisions', 'decision-register', 'Beslutningsregister'],
    ['/action-items?scope=all', 'action-items', 'Opfølgningspunkter'],
  ]);
  // A viewer asking for a page only those who run meetings see gets the refusal page.
  await page.goto('/logout');
  await expect(page.getByText('Du er logget ud.')).toBeVisible();
  await signIn(page, 'viewer@kvp.demo');
  await page.goto('/meetings/new');
  await expect(page.getByRole('heading', { level: 1, name: 'Du har ikke adgang' })).toBeVisible();
  await checkBothWidths(page, 'refusal-forbidden');
});
