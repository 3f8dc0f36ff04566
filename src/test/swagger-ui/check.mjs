// Opens Swagger UI of a running Campus app in headless Chromium, the way an API explorer would, and checks
// that the contract renders: every operation expands without "Could not render" and shows its responses
// table, the page logs no console error; then it authorizes with a bearer token and executes one read
// (listCourses, 200) and one write (createUser with its example body, 201).
//
//   SWAGGER_UI_BASE=http://127.0.0.1:8080 SWAGGER_UI_TOKEN_FILE=/path/to/token node check.mjs
//
// Normally started by .ci/swagger-ui-check, which starts the packaged app and a database. Settings:
//   SWAGGER_UI_BASE        the app's base URL (required)
//   SWAGGER_UI_TOKEN_FILE  a file holding a bearer token of the admin or service role (required)
//   SWAGGER_UI_SCREENSHOT  where the screenshot goes (default: target/swagger-ui/swagger-ui.png of the repo)
//   SWAGGER_UI_CHROMIUM    the browser (default: /usr/bin/chromium); playwright-core never downloads one
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const base = (process.env.SWAGGER_UI_BASE ?? '').replace(/\/$/, '');
const tokenFile = process.env.SWAGGER_UI_TOKEN_FILE;
const screenshot = resolve(process.env.SWAGGER_UI_SCREENSHOT ?? join(here, '..', '..', '..', 'target', 'swagger-ui', 'swagger-ui.png'));
const executablePath = process.env.SWAGGER_UI_CHROMIUM ?? '/usr/bin/chromium';
if (!base || !tokenFile) {
  console.error('swagger-ui-check: set SWAGGER_UI_BASE and SWAGGER_UI_TOKEN_FILE');
  process.exit(2);
}
const token = readFileSync(tokenFile, 'utf8').trim();

const TIMEOUT = 30_000;
const started = Date.now();
const failures = [];
const consoleErrors = [];
let current = 'loading the page';  // what the check is doing, to tell where a console error came from
const fail = (message) => {
  failures.push(message);
  console.error(`swagger-ui-check: FAIL ${message}`);
};
const log = (message) => console.log(`swagger-ui-check: ${message}`);

const profile = mkdtempSync(join(tmpdir(), 'swagger-ui-check-'));
// A persistent context is Playwright's way to pass --user-data-dir: a fresh, empty profile per run.
const browser = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1400, height: 1000 },
  timeout: 60_000,
});
let operations = 0;
try {
  const page = browser.pages()[0] ?? await browser.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on('console', (message) => {
    if (message.type() === 'error') {
      consoleErrors.push(`${current}: ${firstLine(message.text())}`);
    }
  });
  page.on('pageerror', (error) => consoleErrors.push(`${current}: uncaught ${firstLine(error.message)}`));

  await page.goto(`${base}/q/swagger-ui/`, { waitUntil: 'load', timeout: 60_000 });
  await page.locator('.swagger-ui .info .title').first().waitFor({ timeout: 60_000 });
  // doc-expansion is "none": open every tag section, then every operation in it.
  const tags = page.locator('.opblock-tag-section');
  await tags.first().waitFor();
  const tagCount = await tags.count();
  for (let t = 0; t < tagCount; t++) {
    const section = tags.nth(t);
    if (!(await section.evaluate((element) => element.classList.contains('is-open')))) {
      await section.locator('.opblock-tag').first().click();
    }
    await section.locator('.opblock').first().waitFor();
  }
  const blocks = page.locator('.opblock-tag-section .opblock');
  operations = await blocks.count();
  if (operations === 0) {
    fail('Swagger UI shows no operations');
  }
  for (let i = 0; i < operations; i++) {
    const block = blocks.nth(i);
    const name = (await block.locator('.opblock-summary-method').first().innerText()).trim() + ' '
        + (await block.locator('.opblock-summary-path').first().innerText()).replace(/\u200b/g, '').trim();
    current = `expanding ${name}`;
    await block.locator('.opblock-summary-control').first().click();
    const body = block.locator('.opblock-body');
    await body.waitFor();
    // A response row, or the error boundary's fallback: whichever renders first.
    await body.locator('table.responses-table tr.response, .fallback').first()
        .waitFor({ timeout: TIMEOUT }).catch(() => {});
    const text = await body.innerText();
    const broken = text.split('\n').filter((line) => /could not render/i.test(line));
    if (broken.length > 0) {
      fail(`${name}: ${broken.join(' | ').trim()}`);
    }
    const rows = await body.locator('table.responses-table tr.response').count();
    if (rows === 0) {
      fail(`${name}: the expanded operation shows no responses table`);
    }
    // Collapse again so that the page stays light.
    await block.locator('.opblock-summary-control').first().click();
    await body.waitFor({ state: 'detached' });
  }
  const whole = await page.locator('.swagger-ui').first().innerText();
  if (/could not render/i.test(whole)) {
    fail('the page shows "Could not render" somewhere');
  }
  log(`${operations} operations expanded and checked`);

  // Authorize with the bearer token.
  current = 'authorizing';
  await page.locator('.auth-wrapper button.authorize').first().click();
  const modal = page.locator('.modal-ux');
  await modal.waitFor();
  await modal.locator('input[type=text], input[type=password]').first().fill(token);
  await modal.locator('button.modal-btn.auth.authorize').first().click();
  await modal.locator('button.modal-btn.auth.btn-done, button:has-text("Close")').first().click();
  await modal.waitFor({ state: 'detached' });

  await execute(page, 'listCourses', '200');
  await execute(page, 'createUser', '201');

  await page.locator('[id$="-listCourses"]').first().scrollIntoViewIfNeeded();
  mkdirSync(dirname(screenshot), { recursive: true });
  await page.screenshot({ path: screenshot, fullPage: true });
  log(`screenshot: ${screenshot}`);
} catch (error) {
  fail(`${current}: ${firstLine(error.message)}`);
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}

for (const error of consoleErrors) {
  fail(`console error: ${error}`);
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (failures.length > 0) {
  console.log(`swagger-ui-check: FAILED: ${failures.length} problem(s), ${operations} operations, ${seconds} s`);
  process.exit(1);
}
console.log(`swagger-ui-check: OK: ${operations} operations render their responses, no console errors; `
    + `listCourses 200 and createUser 201 executed with a bearer token; ${seconds} s`);

function firstLine(text) {
  return String(text).split('\n')[0].slice(0, 300);
}

/** Try it out → Execute on the operation with this id, with its default parameters and example body. */
async function execute(page, operationId, expected) {
  current = `executing ${operationId}`;
  const block = page.locator(`.opblock[id$="-${operationId}"]`).first();
  await block.scrollIntoViewIfNeeded();
  await block.locator('.opblock-summary-control').first().click();
  await block.locator('.opblock-body').waitFor();
  await block.locator('button.try-out__btn').click();
  await block.locator('button.execute').click();
  const status = block.locator('.responses-wrapper .live-responses-table tr.response td.response-col_status').first();
  await status.waitFor({ timeout: TIMEOUT });
  const shown = (await status.innerText()).trim();
  if (shown !== expected) {
    const body = await block.locator('.responses-wrapper .live-responses-table tr.response td.response-col_description').first().innerText()
        .catch(() => '');
    fail(`${operationId}: Execute showed ${shown}, expected ${expected}: ${body.replace(/\s+/g, ' ').slice(0, 300)}`);
  } else {
    log(`${operationId}: Execute showed ${shown}`);
  }
}
