// Drives one Campus release through every operation its own OpenAPI document declares, for .ci/schema-compat-check.
// No dependencies: node 20 (fetch, http). Run by the check; alone:
//
//   COMPAT_BASE=http://127.0.0.1:8080 COMPAT_TOKENS=dir COMPAT_STATE=state.json node compat-driver.mjs write
//   COMPAT_BASE=... COMPAT_TOKENS=dir COMPAT_STATE=state.json node compat-driver.mjs verify
//
// write  - the scenario below, against every operation of GET /q/openapi: create, read, update, list (following
//          cursors), delete, enroll and pay with Idempotency-Keys (pay with the service token), cancel, void, refund,
//          progress, events and webhooks when the release has them. Every write is read back and must equal what
//          the write answered. Fails when an answer is not the expected status (a 5xx above all), or when an
//          operation the document declares was not exercised. The resources written, their last representation
//          and the idempotency keys used go to COMPAT_STATE.
// verify - another release reads what `write` wrote (every field the writer saw must read the same; a later
//          release may add fields), replays the writer's Idempotency-Keys (same answers, nothing done twice), and
//          changes those rows: pays the invoice left open, completes a lesson, refunds, patches a user, a course
//          and a lesson, and reads the changes back.
// COMPAT_TOKENS holds token (admin) and token-2 (service), as bench/Token.java writes them.
// The last line printed says what was done and found; the exit status is 0 only when nothing was wrong.
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';

const mode = process.argv[2];
const base = process.env.COMPAT_BASE;
const label = process.env.COMPAT_LABEL || base;
const tokens = process.env.COMPAT_TOKENS;
const statePath = process.env.COMPAT_STATE;
if (!['write', 'verify'].includes(mode) || !base || !tokens || !statePath) {
  console.error('usage: COMPAT_BASE=... COMPAT_TOKENS=dir COMPAT_STATE=file node compat-driver.mjs write|verify');
  process.exit(2);
}
const ADMIN = readFileSync(`${tokens}/token`, 'utf8').trim();
const SERVICE = readFileSync(`${tokens}/token-2`, 'utf8').trim();
const run = randomUUID().slice(0, 8);

const problems = [];
const exercised = new Map();
let requests = 0;
let readBacks = 0;
function problem(text) {
  problems.push(text);
  console.error(`compat-driver [${label}]: ${text}`);
}

// ---- the release's own contract: which operations exist, at which method and path ----
const documentResponse = await fetch(`${base}/q/openapi?format=json`, { headers: { Accept: 'application/json' } });
if (documentResponse.status !== 200) {
  console.error(`compat-driver [${label}]: GET /q/openapi answered ${documentResponse.status}`);
  process.exit(1);
}
const contract = await documentResponse.json();
const declared = new Map();
for (const [path, item] of Object.entries(contract.paths)) {
  for (const method of ['get', 'put', 'post', 'patch', 'delete']) {
    if (item[method]?.operationId) declared.set(item[method].operationId, { method: method.toUpperCase(), path });
  }
}
const has = (operation) => declared.has(operation);

/** One request of `operation`; the path must fit the operation's template, the answer must be `expect`. */
async function call(operation, path, { body, expect, token = ADMIN, headers = {}, contentType = 'application/json' } = {}) {
  const op = declared.get(operation);
  if (!op) throw new Error(`the scenario calls ${operation}, which this release does not declare`);
  const template = new RegExp('^' + op.path.replace(/\{[^}]+\}/g, '[^/?]+') + '(\\?.*)?$');
  if (!template.test(path)) throw new Error(`${path} is not a path of ${operation} (${op.path})`);
  const init = { method: op.method, headers: { Accept: 'application/json', Authorization: `Bearer ${token}`, ...headers } };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = contentType;
  }
  requests++;
  exercised.set(operation, (exercised.get(operation) || 0) + 1);
  let response;
  try {
    response = await fetch(base + path, init);
  } catch (e) {
    problem(`${operation} ${op.method} ${path}: no answer (${e.cause?.code || e.message})`);
    return { status: 0, headers: new Headers(), body: null };
  }
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = text; }
  if (response.status >= 500) {
    problem(`${operation} ${op.method} ${path}: ${response.status} ${text.slice(0, 300)}`);
  } else if (expect !== undefined && response.status !== expect) {
    problem(`${operation} ${op.method} ${path}: expected ${expect}, got ${response.status} ${text.slice(0, 300)}`);
  }
  return { status: response.status, headers: response.headers, body: json };
}

/** Every field of `expected` (recursively) has the same value in `actual`; `actual` may have more fields. */
function differences(expected, actual, where = '') {
  if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return [`${where || '.'}: ${JSON.stringify(actual)}`];
    return Object.keys(expected).flatMap((key) => differences(expected[key], actual[key], `${where}.${key}`));
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return [`${where}: ${JSON.stringify(actual)} instead of ${JSON.stringify(expected)}`];
    return expected.flatMap((item, i) => differences(item, actual[i], `${where}[${i}]`));
  }
  return expected === actual ? [] : [`${where}: ${JSON.stringify(actual)} instead of ${JSON.stringify(expected)}`];
}

const written = {}; // path -> { operation (the read), body (its last representation) }

/** Reads `path` with `operation` and compares it with what the write answered; remembers it for the other release. */
async function readBack(operation, path, expected, { token = ADMIN, remember = true } = {}) {
  const read = await call(operation, path, { expect: 200, token });
  readBacks++;
  const diff = differences(expected, read.body);
  if (diff.length) problem(`read-back ${path} differs from what was written: ${diff.slice(0, 5).join('; ')}`);
  if (remember) written[path] = { operation, body: read.body };
  return read;
}

const ifMatch = (response) => ({ 'If-Match': response.headers.get('etag') });
const created = (response) => response.body?.id;

// ---- write: one release through its whole contract ----
async function write() {
  const state = { keys: [] };
  let hook = null;
  let endpoints = [];
  if (has('createWebhookEndpoint')) {
    // A receiver for the deliveries: every event answered 204.
    hook = createServer((request, response) => { request.resume(); request.on('end', () => { response.writeHead(204); response.end(); }); });
    await new Promise((resolve) => hook.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${hook.address().port}/campus-events`;
    // The second one is disabled: nothing changes it until it is deleted. Endpoints change as deliveries
    // progress (their version), so they are compared here only, not by the other release.
    for (const [description, enabled] of [['compat check', true], ['to delete', false]]) {
      const endpoint = await call('createWebhookEndpoint', '/api/v1/webhook-endpoints',
        { body: { url, eventTypes: ['user.*', 'enrollment.*', 'invoice.*'], description, enabled }, expect: 201 });
      endpoints.push(endpoint);
      const { secret, version, updatedAt, ...shown } = endpoint.body || {}; // the secret is shown once, at creation
      await readBack('getWebhookEndpoint', `/api/v1/webhook-endpoints/${created(endpoint)}`, shown, { remember: false });
    }
  }

  // Users: create, read, replace, patch, list with a cursor, delete, billing standing.
  const user = async (role, name) => {
    const response = await call('createUser', '/api/v1/users',
      { body: { email: `${name}-${run}@example.com`, displayName: `${name} ${run}`, role, timeZone: 'Europe/Paris' }, expect: 201 });
    await readBack('getUser', `/api/v1/users/${created(response)}`, response.body);
    return created(response);
  };
  const instructor = await user('instructor', 'ada');
  const students = [];
  for (const name of ['alan', 'grace', 'edsger', 'barbara', 'donald']) students.push(await user('student', name));
  const doomed = await user('student', 'leaving');
  let current = await call('getUser', `/api/v1/users/${students[0]}`, { expect: 200 });
  const replaced = await call('replaceUser', `/api/v1/users/${students[0]}`, {
    body: { email: `alan-${run}@example.com`, displayName: `Alan Turing ${run}`, role: 'student', bio: 'Computable numbers', timeZone: 'Europe/London' },
    headers: ifMatch(current), expect: 200 });
  await readBack('getUser', `/api/v1/users/${students[0]}`, replaced.body);
  const patched = await call('patchUser', `/api/v1/users/${students[1]}`,
    { body: { bio: 'Compilers' }, contentType: 'application/merge-patch+json', expect: 200 });
  await readBack('getUser', `/api/v1/users/${students[1]}`, patched.body);
  const firstPage = await call('listUsers', '/api/v1/users?limit=2&sort=createdAt', { expect: 200 });
  if (!firstPage.body?.nextCursor) problem('listUsers: no nextCursor on a first page of 2 out of more');
  else await call('listUsers', `/api/v1/users?limit=2&sort=createdAt&cursor=${encodeURIComponent(firstPage.body.nextCursor)}`, { expect: 200 });
  current = await call('getUser', `/api/v1/users/${doomed}`, { expect: 200 });
  await call('deleteUser', `/api/v1/users/${doomed}`, { headers: ifMatch(current), expect: 204 });
  delete written[`/api/v1/users/${doomed}`];
  await call('getUser', `/api/v1/users/${doomed}`, { expect: 404 });

  // Courses and lessons: a paid course with three lessons, a free one, one to archive, one to delete.
  const course = async (slug, amount) => {
    const response = await call('createCourse', '/api/v1/courses', { body: {
      slug: `${slug}-${run}`, title: `${slug} ${run}`, description: 'Made by the schema compatibility check',
      instructorId: instructor, price: { amount, currency: 'EUR' }, seatCapacity: 50 }, expect: 201 });
    await readBack('getCourse', `/api/v1/courses/${created(response)}`, response.body);
    return created(response);
  };
  const paid = await course('engines', 4900);
  const free = await course('notes', 0);
  const archived = await course('punch-cards', 1000);
  const deleted = await course('to-delete', 0);
  const lessons = [];
  for (const [i, title] of ['Gears', 'Cards', 'Loops'].entries()) {
    const response = await call('createLesson', `/api/v1/courses/${paid}/lessons`,
      { body: { title, body: `# ${title}`, durationMinutes: 10 + i, published: true }, expect: 201 });
    await readBack('getLesson', `/api/v1/courses/${paid}/lessons/${created(response)}`, response.body);
    lessons.push(created(response));
  }
  const freeLesson = created(await call('createLesson', `/api/v1/courses/${free}/lessons`,
    { body: { title: 'Notes', durationMinutes: 5, published: true }, expect: 201 }));
  await call('createLesson', `/api/v1/courses/${archived}/lessons`, { body: { title: 'Holes', durationMinutes: 5, published: true }, expect: 201 });
  const doomedLesson = created(await call('createLesson', `/api/v1/courses/${deleted}/lessons`,
    { body: { title: 'Gone', durationMinutes: 5 }, expect: 201 }));
  current = await call('getLesson', `/api/v1/courses/${paid}/lessons/${lessons[0]}`, { expect: 200 });
  const replacedLesson = await call('replaceLesson', `/api/v1/courses/${paid}/lessons/${lessons[0]}`,
    { body: { title: 'Gears and levers', body: '# Gears', durationMinutes: 12, position: 1, published: true }, headers: ifMatch(current), expect: 200 });
  await readBack('getLesson', `/api/v1/courses/${paid}/lessons/${lessons[0]}`, replacedLesson.body);
  const patchedLesson = await call('patchLesson', `/api/v1/courses/${paid}/lessons/${lessons[1]}`,
    { body: { durationMinutes: 25 }, contentType: 'application/merge-patch+json', expect: 200 });
  await readBack('getLesson', `/api/v1/courses/${paid}/lessons/${lessons[1]}`, patchedLesson.body);
  await call('reorderLessons', `/api/v1/courses/${paid}/lessons/reorder`, { body: { lessonIds: [...lessons].reverse() }, expect: 200 });
  const lessonPage = await call('listLessons', `/api/v1/courses/${paid}/lessons?limit=2`, { expect: 200 });
  if (lessonPage.body?.items?.[0]?.id !== lessons[2]) problem('listLessons: the reordered first lesson is not first');
  if (lessonPage.body?.nextCursor) await call('listLessons', `/api/v1/courses/${paid}/lessons?limit=2&cursor=${encodeURIComponent(lessonPage.body.nextCursor)}`, { expect: 200 });
  for (const lesson of lessons) {
    const read = await call('getLesson', `/api/v1/courses/${paid}/lessons/${lesson}`, { expect: 200 });
    written[`/api/v1/courses/${paid}/lessons/${lesson}`] = { operation: 'getLesson', body: read.body };
  }
  current = await call('getLesson', `/api/v1/courses/${deleted}/lessons/${doomedLesson}`, { expect: 200 });
  await call('deleteLesson', `/api/v1/courses/${deleted}/lessons/${doomedLesson}`, { headers: ifMatch(current), expect: 204 });
  current = await call('getCourse', `/api/v1/courses/${deleted}`, { expect: 200 });
  await call('deleteCourse', `/api/v1/courses/${deleted}`, { headers: ifMatch(current), expect: 204 });
  delete written[`/api/v1/courses/${deleted}`];
  for (const id of [paid, free, archived]) {
    current = await call('getCourse', `/api/v1/courses/${id}`, { expect: 200 });
    const published = await call('publishCourse', `/api/v1/courses/${id}/publish`, { headers: ifMatch(current), expect: 200 });
    await readBack('getCourse', `/api/v1/courses/${id}`, published.body);
  }
  current = await call('getCourse', `/api/v1/courses/${archived}`, { expect: 200 });
  const archivedCourse = await call('archiveCourse', `/api/v1/courses/${archived}/archive`, { headers: ifMatch(current), expect: 200 });
  await readBack('getCourse', `/api/v1/courses/${archived}`, archivedCourse.body);
  current = await call('getCourse', `/api/v1/courses/${paid}`, { expect: 200 });
  const replacedCourse = await call('replaceCourse', `/api/v1/courses/${paid}`, { body: {
    slug: `engines-${run}`, title: `Analytical Engines ${run}`, description: 'Gears, cards, loops',
    instructorId: instructor, price: { amount: 4900, currency: 'EUR' }, seatCapacity: 40 }, headers: ifMatch(current), expect: 200 });
  await readBack('getCourse', `/api/v1/courses/${paid}`, replacedCourse.body);
  const patchedCourse = await call('patchCourse', `/api/v1/courses/${free}`,
    { body: { description: 'Free notes' }, contentType: 'application/merge-patch+json', expect: 200 });
  await readBack('getCourse', `/api/v1/courses/${free}`, patchedCourse.body);
  await readBack('getCourseBySlug', `/api/v1/courses/by-slug/engines-${run}`, replacedCourse.body);
  const coursePage = await call('listCourses', `/api/v1/courses?limit=1&instructorId=${instructor}`, { expect: 200 });
  if (!coursePage.body?.nextCursor) problem('listCourses: no nextCursor on a first page of 1 out of 3');
  else await call('listCourses', `/api/v1/courses?limit=1&instructorId=${instructor}&cursor=${encodeURIComponent(coursePage.body.nextCursor)}`, { expect: 200 });

  // Enrollments and billing. Every enroll and pay carries an Idempotency-Key and is sent twice: one effect.
  const enroll = async (student, courseId) => {
    const key = randomUUID();
    const body = { userId: student, courseId };
    const first = await call('createEnrollment', '/api/v1/enrollments', { body, headers: { 'Idempotency-Key': key }, expect: 201 });
    const again = await call('createEnrollment', '/api/v1/enrollments', { body, headers: { 'Idempotency-Key': key }, expect: 201 });
    const diff = differences(first.body, again.body);
    if (diff.length) problem(`createEnrollment replayed with its key answers differently: ${diff.join('; ')}`);
    await readBack('getEnrollment', `/api/v1/enrollments/${created(first)}`, first.body);
    state.keys.push({ operation: 'createEnrollment', path: '/api/v1/enrollments', key, body, status: 201, answer: first.body });
    return first.body;
  };
  const pay = async (invoiceId) => {
    const key = randomUUID();
    const body = { paymentReference: `psp-${run}-${key.slice(0, 8)}`, amount: { amount: 4900, currency: 'EUR' } };
    const path = `/api/v1/invoices/${invoiceId}/pay`;
    const first = await call('payInvoice', path, { body, token: SERVICE, headers: { 'Idempotency-Key': key }, expect: 200 });
    const again = await call('payInvoice', path, { body, token: SERVICE, headers: { 'Idempotency-Key': key }, expect: 200 });
    const diff = differences(first.body, again.body);
    if (diff.length) problem(`payInvoice replayed with its key answers differently: ${diff.join('; ')}`);
    await readBack('getInvoice', `/api/v1/invoices/${invoiceId}`, first.body);
    state.keys.push({ operation: 'payInvoice', path, key, body, status: 200, answer: first.body, token: 'service' });
    return first.body;
  };
  const active = await enroll(students[0], paid);
  await readBack('getInvoice', `/api/v1/invoices/${active.invoiceId}`, { id: active.invoiceId, status: 'open' });
  await pay(active.invoiceId);
  const activeRead = await call('getEnrollment', `/api/v1/enrollments/${active.id}`, { expect: 200 });
  if (activeRead.body?.status !== 'active') problem(`a paid enrollment is ${activeRead.body?.status}, not active`);
  await call('completeLesson', `/api/v1/enrollments/${active.id}/lessons/${lessons[0]}/completion`, { expect: 200 });
  await call('completeLesson', `/api/v1/enrollments/${active.id}/lessons/${lessons[1]}/completion`, { expect: 200 });
  await call('undoLessonCompletion', `/api/v1/enrollments/${active.id}/lessons/${lessons[1]}/completion`, { expect: 200 });
  await readBack('getProgress', `/api/v1/enrollments/${active.id}/progress`, {});
  await readBack('getEnrollment', `/api/v1/enrollments/${active.id}`, activeRead.body);

  const voided = await enroll(students[1], paid);
  current = await call('getInvoice', `/api/v1/invoices/${voided.invoiceId}`, { expect: 200 });
  const voidAnswer = await call('voidInvoice', `/api/v1/invoices/${voided.invoiceId}/void`, { headers: ifMatch(current), expect: 200 });
  await readBack('getInvoice', `/api/v1/invoices/${voided.invoiceId}`, voidAnswer.body);
  await readBack('getEnrollment', `/api/v1/enrollments/${voided.id}`, { status: 'cancelled' });

  const cancelled = await enroll(students[2], paid);
  current = await call('getEnrollment', `/api/v1/enrollments/${cancelled.id}`, { expect: 200 });
  const cancelAnswer = await call('cancelEnrollment', `/api/v1/enrollments/${cancelled.id}/cancel`, { headers: ifMatch(current), expect: 200 });
  await readBack('getEnrollment', `/api/v1/enrollments/${cancelled.id}`, cancelAnswer.body);
  await readBack('getInvoice', `/api/v1/invoices/${cancelled.invoiceId}`, { status: 'void' });

  const pending = await enroll(students[3], paid);
  await readBack('getInvoice', `/api/v1/invoices/${pending.invoiceId}`, { status: 'open' });

  const refunded = await enroll(students[4], paid);
  await pay(refunded.invoiceId);
  current = await call('getInvoice', `/api/v1/invoices/${refunded.invoiceId}`, { expect: 200 });
  const refundAnswer = await call('refundInvoice', `/api/v1/invoices/${refunded.invoiceId}/refund`, { headers: ifMatch(current), expect: 200 });
  await readBack('getInvoice', `/api/v1/invoices/${refunded.invoiceId}`, refundAnswer.body);
  await readBack('getEnrollment', `/api/v1/enrollments/${refunded.id}`, { status: 'cancelled' });

  const freeEnrollment = await enroll(students[0], free);
  if (freeEnrollment.status !== 'active') problem(`a free enrollment is ${freeEnrollment.status}, not active`);
  await call('completeLesson', `/api/v1/enrollments/${freeEnrollment.id}/lessons/${freeLesson}/completion`, { expect: 200 });
  await readBack('getEnrollment', `/api/v1/enrollments/${freeEnrollment.id}`, { status: 'completed' });

  const enrollmentPage = await call('listEnrollments', `/api/v1/enrollments?courseId=${paid}&limit=2`, { expect: 200 });
  if (!enrollmentPage.body?.nextCursor) problem('listEnrollments: no nextCursor on a first page of 2 out of 5');
  else await call('listEnrollments', `/api/v1/enrollments?courseId=${paid}&limit=2&cursor=${encodeURIComponent(enrollmentPage.body.nextCursor)}`, { expect: 200 });
  const invoicePage = await call('listInvoices', `/api/v1/invoices?userId=${students[0]}&limit=1`, { expect: 200 });
  if ((invoicePage.body?.items || []).length !== 1) problem('listInvoices: the paying student has no invoice');
  await readBack('getBillingStanding', `/api/v1/users/${students[3]}/billing`, {});

  // Events and webhooks, where the release has them.
  if (has('listEvents')) {
    const events = await call('listEvents', `/api/v1/events?subject=${encodeURIComponent(`/api/v1/invoices/${active.invoiceId}`)}&limit=1`, { expect: 200 });
    const event = events.body?.items?.[0];
    if (!event) problem('listEvents: no event for a paid invoice');
    else {
      await readBack('getEvent', `/api/v1/events/${event.id}`, event);
      if (events.body.nextCursor) await call('listEvents', `/api/v1/events?limit=1&cursor=${encodeURIComponent(events.body.nextCursor)}`, { expect: 200 });
    }
  }
  if (hook) {
    const [kept, toDelete] = endpoints.map(created);
    const patchedEndpoint = await call('patchWebhookEndpoint', `/api/v1/webhook-endpoints/${kept}`,
      { body: { description: 'compat check, patched' }, contentType: 'application/merge-patch+json', expect: 200 });
    await readBack('getWebhookEndpoint', `/api/v1/webhook-endpoints/${kept}`, { description: 'compat check, patched', url: patchedEndpoint.body?.url },
      { remember: false });
    await call('listWebhookEndpoints', '/api/v1/webhook-endpoints?limit=10', { expect: 200 });
    let delivery = null;
    for (let i = 0; i < 60 && !delivery; i++) {
      const deliveries = await call('listWebhookDeliveries', `/api/v1/webhook-endpoints/${kept}/deliveries?limit=1`, { expect: 200 });
      delivery = deliveries.body?.items?.[0];
      if (!delivery) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    if (!delivery) problem('no webhook delivery within 30 s');
    else await call('retryWebhookDelivery', `/api/v1/webhook-endpoints/${kept}/deliveries/${delivery.id}/retry`, { expect: 200 });
    current = await call('getWebhookEndpoint', `/api/v1/webhook-endpoints/${toDelete}`, { expect: 200 });
    await call('deleteWebhookEndpoint', `/api/v1/webhook-endpoints/${toDelete}`, { headers: ifMatch(current), expect: 204 });
    hook.close();
  }

  state.written = written;
  state.changes = { payInvoice: pending.invoiceId, pendingEnrollment: pending.id, activeEnrollment: active.id,
    activeInvoice: active.invoiceId, lesson: lessons[2], paidCourse: paid, lessonCourse: paid, user: students[1] };
  writeFileSync(statePath, JSON.stringify(state, null, 1));

  const missed = [...declared.keys()].filter((operation) => !exercised.has(operation));
  for (const operation of missed) problem(`${operation} (${declared.get(operation).method} ${declared.get(operation).path}) is declared but was not exercised`);
  return `drove all ${declared.size} operations of its OpenAPI document${missed.length ? ` but ${missed.length}` : ''}`
    + ` (${requests} requests, ${readBacks} read-backs, ${Object.keys(written).length} resources written)`;
}

// ---- verify: a release reads and changes what another one wrote ----
async function verify() {
  const state = JSON.parse(readFileSync(statePath, 'utf8'));
  let compared = 0;
  for (const [path, { operation, body }] of Object.entries(state.written)) {
    if (!has(operation)) { problem(`${operation} is gone: ${path} cannot be read`); continue; }
    const read = await call(operation, path, { expect: 200 });
    compared++;
    const diff = differences(body, read.body);
    if (diff.length) problem(`${path} reads differently here than the writing release saw it: ${diff.slice(0, 5).join('; ')}`);
  }
  // The writer's keys, retried here (a retry that lands on the other release during a rollout): the first answer, no second effect.
  for (const { operation, path, key, body, status, answer, token } of state.keys) {
    const replay = await call(operation, path, { body, headers: { 'Idempotency-Key': key }, token: token === 'service' ? SERVICE : ADMIN, expect: status });
    const diff = differences(answer, replay.body);
    if (diff.length) problem(`${operation} replayed with the other release's key answers differently: ${diff.slice(0, 5).join('; ')}`);
  }
  const c = state.changes;
  const payKey = randomUUID();
  const payBody = { paymentReference: `psp-${run}`, amount: { amount: 4900, currency: 'EUR' } };
  const paid = await call('payInvoice', `/api/v1/invoices/${c.payInvoice}/pay`, { body: payBody, token: SERVICE, headers: { 'Idempotency-Key': payKey }, expect: 200 });
  await readBack('getInvoice', `/api/v1/invoices/${c.payInvoice}`, paid.body);
  await readBack('getEnrollment', `/api/v1/enrollments/${c.pendingEnrollment}`, { status: 'active' });
  await call('completeLesson', `/api/v1/enrollments/${c.activeEnrollment}/lessons/${c.lesson}/completion`, { expect: 200 });
  const progress = await call('getProgress', `/api/v1/enrollments/${c.activeEnrollment}/progress`, { expect: 200 });
  if (!JSON.stringify(progress.body).includes(c.lesson)) problem('getProgress: the lesson just completed is not in the progress');
  let current = await call('getInvoice', `/api/v1/invoices/${c.activeInvoice}`, { expect: 200 });
  const refunded = await call('refundInvoice', `/api/v1/invoices/${c.activeInvoice}/refund`, { headers: ifMatch(current), expect: 200 });
  await readBack('getInvoice', `/api/v1/invoices/${c.activeInvoice}`, refunded.body);
  current = await call('getUser', `/api/v1/users/${c.user}`, { expect: 200 });
  const user = await call('patchUser', `/api/v1/users/${c.user}`,
    { body: { displayName: `Changed by the other release ${run}` }, contentType: 'application/merge-patch+json', headers: ifMatch(current), expect: 200 });
  await readBack('getUser', `/api/v1/users/${c.user}`, user.body);
  current = await call('getCourse', `/api/v1/courses/${c.paidCourse}`, { expect: 200 });
  const course = await call('patchCourse', `/api/v1/courses/${c.paidCourse}`,
    { body: { title: `Changed by the other release ${run}` }, contentType: 'application/merge-patch+json', headers: ifMatch(current), expect: 200 });
  await readBack('getCourse', `/api/v1/courses/${c.paidCourse}`, course.body);
  current = await call('getLesson', `/api/v1/courses/${c.lessonCourse}/lessons/${c.lesson}`, { expect: 200 });
  const lesson = await call('patchLesson', `/api/v1/courses/${c.lessonCourse}/lessons/${c.lesson}`,
    { body: { title: 'Changed by the other release' }, contentType: 'application/merge-patch+json', headers: ifMatch(current), expect: 200 });
  await readBack('getLesson', `/api/v1/courses/${c.lessonCourse}/lessons/${c.lesson}`, lesson.body);
  return `read ${compared} resources the other release wrote, replayed its ${state.keys.length} Idempotency-Keys, changed 6 of its rows`
    + ` (${requests} requests, ${readBacks} read-backs)`;
}

let summary;
try {
  summary = mode === 'write' ? await write() : await verify();
} catch (e) {
  problem(`scenario stopped: ${e.stack || e}`);
  summary = 'the scenario stopped early';
}
console.log(`compat-driver [${label}]: ${summary}: ${problems.length ? `${problems.length} problem(s)` : 'no problem'}`);
process.exit(problems.length ? 1 : 0);
