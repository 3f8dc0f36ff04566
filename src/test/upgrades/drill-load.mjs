// The client load of .ci/upgrade-drill: reads and writes through the load balancer for the whole drill, and the
// record of every write Campus acknowledged. No dependencies: node 20 (fetch).
//
//   DRILL_BASE=http://127.0.0.1:20300 DRILL_TOKENS=dir DRILL_STOP=file DRILL_RESULT=result.json node drill-load.mjs
//
// Sets up an instructor and a published paid course with two lessons, then DRILL_WORKERS loops (default 4, each
// pausing DRILL_PAUSE_MS, default 20, between iterations) until the
// file DRILL_STOP exists, each repeating at random:
//  - a new student enrolls (Idempotency-Key, sent twice: the same enrollment), pays with the service token
//    (Idempotency-Key, sent twice: one payment), and completes a lesson;
//  - a merge-patch of one of its students' display name (the last acknowledged value is recorded);
//  - lists with cursors (users, enrollments of the course, the course's lessons) and single reads.
// Every answer that is not the expected one counts as a failed request: a 5xx above all, and a connection reset,
// refused or timed out. Writes DRILL_RESULT (requests, failures, the acknowledged writes) and prints one line.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';

const base = process.env.DRILL_BASE;
const stopFile = process.env.DRILL_STOP;
const resultFile = process.env.DRILL_RESULT;
const workers = Number(process.env.DRILL_WORKERS || 4);
const pause = Number(process.env.DRILL_PAUSE_MS || 20);
const ADMIN = readFileSync(`${process.env.DRILL_TOKENS}/token`, 'utf8').trim();
const SERVICE = readFileSync(`${process.env.DRILL_TOKENS}/token-2`, 'utf8').trim();
const PRICE = { amount: 4900, currency: 'EUR' };
const run = randomUUID().slice(0, 8);

let requests = 0;
let failureCount = 0;
const failures = [];
const byStatus = {};
const acknowledged = { enrollments: [], patches: {} };

async function send(method, path, { body, expect, token = ADMIN, headers = {}, contentType = 'application/json' } = {}) {
  const init = { method, headers: { Accept: 'application/json', Authorization: `Bearer ${token}`, ...headers },
    signal: AbortSignal.timeout(15000) };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers['Content-Type'] = contentType;
  }
  requests++;
  const started = Date.now();
  try {
    const response = await fetch(base + path, init);
    const text = await response.text();
    byStatus[response.status] = (byStatus[response.status] || 0) + 1;
    if (response.status !== expect) {
      fail(`${method} ${path}: ${response.status} instead of ${expect}: ${text.slice(0, 200)}`);
      return null;
    }
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
  } catch (e) {
    byStatus.error = (byStatus.error || 0) + 1;
    fail(`${method} ${path}: ${e.cause?.code || e.name || e.message} after ${Date.now() - started} ms`);
    return null;
  }
}

function fail(text) {
  failureCount++;
  if (failures.length < 50) failures.push(`${new Date().toISOString()} ${text}`);
  console.error(`drill-load: ${text}`);
}

// ---- set-up: one paid course with two published lessons ----
const instructor = await send('POST', '/api/v1/users', { body: { email: `drill-instructor-${run}@example.com`,
  displayName: 'Drill Instructor', role: 'instructor' }, expect: 201 });
const course = await send('POST', '/api/v1/courses', { body: { slug: `drill-${run}`, title: 'Rolling upgrades',
  instructorId: instructor?.body.id, price: PRICE }, expect: 201 });
const lessons = [];
for (const title of ['Expand', 'Contract']) {
  const lesson = await send('POST', `/api/v1/courses/${course?.body.id}/lessons`,
    { body: { title, durationMinutes: 10, published: true }, expect: 201 });
  lessons.push(lesson?.body.id);
}
const published = await send('POST', `/api/v1/courses/${course?.body.id}/publish`, { expect: 200 });
if (!published || lessons.includes(undefined)) {
  console.error('drill-load: the set-up failed');
  process.exit(1);
}
const courseId = course.body.id;

// ---- the loops ----
async function enrollAndPay(mine) {
  const student = await send('POST', '/api/v1/users', { body: { email: `drill-${randomUUID()}@example.com`,
    displayName: 'Drill Student', role: 'student' }, expect: 201 });
  if (!student) return;
  const userId = student.body.id;
  mine.push(userId);
  const enrollKey = randomUUID();
  const enrollment = { userId };
  for (let i = 0; i < 2; i++) {
    const answer = await send('POST', '/api/v1/enrollments', { body: { userId, courseId },
      headers: { 'Idempotency-Key': enrollKey }, expect: 201 });
    if (!answer) return;
    if (enrollment.id && enrollment.id !== answer.body.id) fail(`enrollment key ${enrollKey} made two enrollments`);
    enrollment.id = answer.body.id;
    enrollment.invoiceId = answer.body.invoiceId;
  }
  acknowledged.enrollments.push(enrollment);
  const payKey = randomUUID();
  for (let i = 0; i < 2; i++) {
    const paid = await send('POST', `/api/v1/invoices/${enrollment.invoiceId}/pay`, { token: SERVICE,
      body: { paymentReference: `drill-${payKey}`, amount: PRICE }, headers: { 'Idempotency-Key': payKey }, expect: 200 });
    if (!paid) return;
    enrollment.paid = true;
  }
  const lesson = lessons[Math.floor(Math.random() * lessons.length)];
  if (await send('PUT', `/api/v1/enrollments/${enrollment.id}/lessons/${lesson}/completion`, { expect: 200 })) {
    enrollment.completedLesson = lesson;
  }
}

async function patchProfile(mine) {
  if (!mine.length) return;
  const userId = mine[Math.floor(Math.random() * mine.length)];
  const displayName = `Drill Student ${randomUUID().slice(0, 8)}`;
  const patched = await send('PATCH', `/api/v1/users/${userId}`, { body: { displayName },
    contentType: 'application/merge-patch+json', expect: 200 });
  if (patched) acknowledged.patches[userId] = displayName;
}

async function lists(mine) {
  for (const path of ['/api/v1/users?limit=5', `/api/v1/enrollments?courseId=${courseId}&limit=5`, `/api/v1/courses/${courseId}/lessons?limit=1`]) {
    const page = await send('GET', path, { expect: 200 });
    if (page?.body.nextCursor) await send('GET', `${path}&cursor=${encodeURIComponent(page.body.nextCursor)}`, { expect: 200 });
  }
  await send('GET', `/api/v1/courses/${courseId}`, { expect: 200 });
  if (mine.length) await send('GET', `/api/v1/users/${mine[mine.length - 1]}`, { expect: 200 });
}

async function loop() {
  const mine = [];
  while (!existsSync(stopFile)) {
    const pick = Math.random();
    if (pick < 0.4) await enrollAndPay(mine);
    else if (pick < 0.7) await patchProfile(mine);
    else await lists(mine);
    // A steady load, not a saturating one: replicas still start and stop on a CI machine's two cores.
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

const started = Date.now();
await Promise.all(Array.from({ length: workers }, loop));
const seconds = (Date.now() - started) / 1000;
writeFileSync(resultFile, JSON.stringify({ courseId, lessons, requests, failureCount, failures, byStatus, acknowledged }, null, 1));
console.log(`drill-load: ${requests} requests in ${seconds.toFixed(0)} s by ${workers} clients, ${failureCount} failed;`
  + ` ${acknowledged.enrollments.length} enrollments, ${Object.keys(acknowledged.patches).length} profiles patched; statuses ${JSON.stringify(byStatus)}`);
process.exit(0);
