// Exports carry no links (issue 34, item 7): arm names that GFM or linkify
// would turn into links (schemes, www., e-mail addresses, bare domains) are
// defanged in "Copy as Markdown". The export is rendered by markdown-it with
// linkify (GFM-style autolinking plus linkify-it's bare domains), and the
// only link left must be the export's own link back to the plan.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { openApp, start, stop } from './support.mjs';

let server, browser;

before(async () => {
  ({ server, browser } = await start());
});
after(() => stop({ server, browser }));

/** The names, then pseudo-random ones built from the same parts. */
const FIXED = [
  'https://evil.example/login',
  'www.evil.example',
  'mail@evil.example',
  'HTTP://EVIL.EXAMPLE',
  'WWW.Evil.Example',
  'ftp://files.evil.example',
  'mailto:someone@evil.example',
  'xmpp:someone@evil.example',
  'evil.com/login',
  '//evil.com',
  'javascript:alert(1)',
  '<https://evil.example>',
];
const PARTS = ['https://', 'http://', 'www.', 'mailto:', 'a@', 'b.c@', 'evil', '.com', '.io', '.example', '/x?y=1', ' ', '-', '_', '1', '[x](', ')', '<', '>'];

/** A deterministic generator (mulberry32), so a failure can be replayed. */
const random = (seed) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const names = (round) => {
  if (round === 0) return FIXED;
  const next = random(round);
  return Array.from({ length: 18 }, (_, i) => {
    let name = `n${i}`;
    for (let k = 0; k < 2 + Math.floor(next() * 4); k++) name += PARTS[Math.floor(next() * PARTS.length)];
    return name.trim();
  });
};

/** A long-form table where every name is an arm; the first two are compared. */
const table = (arms) => {
  const lines = ['params,arm,seed,accuracy'];
  for (const params of [1e8, 1e9]) {
    for (const [i, arm] of arms.entries()) {
      for (const seed of [1, 2]) lines.push(`${params},"${arm.replaceAll('"', '""')}",${seed},${60 + i + seed * 0.1}`);
    }
  }
  return lines.join('\n');
};

describe('exports carry no links', () => {
  test('hostile arm names render as text under GFM-style autolinking', async () => {
    const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await openApp(context, server.url);
    const md = new MarkdownIt({ linkify: true });
    for (let round = 0; round < 4; round++) {
      const arms = [...new Set(names(round))];
      await page.getByRole('textbox', { name: 'Paste results' }).fill(table(arms));
      await page.getByRole('combobox', { name: 'Method arm' }).selectOption(arms[0]);
      await page.getByRole('combobox', { name: 'Baseline arm' }).selectOption(arms[1]);
      await page.locator('.verdict-sentence').first().waitFor();
      await page.evaluate(() => navigator.clipboard.writeText(''));
      await page.getByRole('button', { name: 'Copy as Markdown' }).click();
      await page.waitForFunction(async () => (await navigator.clipboard.readText()).includes('## Results'));
      const text = await page.evaluate(() => navigator.clipboard.readText());
      const html = md.render(text);
      const hrefs = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]);
      const own = hrefs.filter((h) => h.startsWith(server.url));
      assert.deepEqual(hrefs.filter((h) => !h.startsWith(server.url)), [], `round ${round}: ${arms.join(' | ')}`);
      assert.ok(own.length <= 1, `round ${round}: ${own}`);
      // The names are still there to read, defanged.
      assert.match(text, /\\\[[:.@]\\\]/, `round ${round}`);
    }
    assert.deepEqual(page.errors, []);
    await context.close();
  });
});
