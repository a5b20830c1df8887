// Screenshots of the DaemonSet list page in English and Chinese, with an axe check, for README and review.
// Usage: npm run web -- --sandbox --port 5174   (prints the URL with its token), then
//        npx tsx scripts/screenshot-list.ts 'http://127.0.0.1:5174/?token=...' [--out DIR] [--context C] [--project P]
import { parseArgs } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type BrowserContext } from '@playwright/test';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string' }, context: { type: 'string' }, project: { type: 'string' } },
});
const url = positionals[0];
const outDir = values.out ?? 'docs/screenshots';
const { context: kubeContext, project } = values;
if (!url) throw new Error('usage: screenshot-list.ts <url with token> [--out DIR] [--context C] [--project P]');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
  ],
});
// The printed address signs in once (its token then opens nothing): the first context signs in, the next ones carry
// the cookie it got and open the page itself.
let signedIn: Awaited<ReturnType<BrowserContext['cookies']>> = [];
try {
  for (const [locale, file] of [
    ['en-US', 'list-en.png'],
    ['zh-CN', 'list-zh.png'],
  ] as const) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale });
    await context.addCookies(signedIn);
    const page = await context.newPage();
    page.on(
      'console',
      (m) => (m.type() === 'error' || m.type() === 'warning') && console.log(`[${locale}] ${m.text()}`),
    );
    page.on('pageerror', (e) => console.log(`[${locale}] page error: ${e.message}`));
    page.on(
      'response',
      (r) => r.status() >= 400 && console.log(`[${locale}] ${r.status()} ${new URL(r.url()).pathname}`),
    );
    await page.goto(signedIn.length > 0 ? new URL('/', url).href : url);
    signedIn = await context.cookies();
    if (kubeContext) await page.locator('#context-select').selectOption(kubeContext, { timeout: 30_000 });
    if (project) {
      await page.locator('#project-select').selectOption(project, { timeout: 30_000 });
    }
    await page
      .getByRole('table')
      .waitFor({ timeout: 30_000 })
      .catch(() => console.log(`[${locale}] no table appeared; the screenshot shows what did`));
    await page.waitForTimeout(1500);
    const axe = await new AxeBuilder({ page }).analyze();
    for (const v of axe.violations) {
      console.log(
        `[${locale}] axe ${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 3)
          .join(' | ')}`,
      );
    }
    await page.screenshot({ path: `${outDir}/${file}` });
    console.log(`[${locale}] ${outDir}/${file}`);
    await context.close();
  }
} finally {
  await browser.close();
}
