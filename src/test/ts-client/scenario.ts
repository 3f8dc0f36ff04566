// One platform scenario through a TypeScript client generated from the committed contract (openapi-typescript
// types, openapi-fetch calls), as a Node service would use it; the same scenario as the generated Java client's
// (src/test/client GeneratedClientScenarioTest): an admin creates an instructor and a course with a published
// lesson, publishes it, enrolls a student; the payment integration (service role) records the payment; the
// student's billing standing is good; a list is followed through two pages with its cursor. And a delete, whose
// only declared media type is application/problem+json. Compiled with tsc --strict; run by .ci/ts-client-check:
//   CAMPUS_BASE_URL=... CAMPUS_ADMIN_TOKEN=... CAMPUS_SERVICE_TOKEN=... node build/scenario.js
import createClient from "openapi-fetch";
import type { components, paths } from "./generated/campus.js";

type Role = components["schemas"]["Role"];
type Enrollment = components["schemas"]["Enrollment"];

declare const process: { env: Record<string, string | undefined>; exitCode?: number };

function setting(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") {
    throw new Error(`${name} is required (.ci/ts-client-check sets it)`);
  }
  return value;
}

function client(token: string) {
  return createClient<paths>({ baseUrl: setting("CAMPUS_BASE_URL"), headers: { Authorization: `Bearer ${token}` } });
}

function check(condition: boolean, what: string): void {
  if (!condition) {
    throw new Error(`scenario failed: ${what}`);
  }
}

/** The body of a success with this status; anything else (an error, another status) fails the scenario. */
function body<T>(what: string, status: number, result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.status !== status || result.data === undefined) {
    throw new Error(`${what}: expected ${status}, got ${result.response.status} ${JSON.stringify(result.error ?? null)}`);
  }
  return result.data;
}

const unique = (): string => crypto.randomUUID();

function user(role: Role, name: string): components["schemas"]["UserRequest"] {
  return { email: `${name.toLowerCase().replace(/ /g, ".")}-${unique()}@example.com`, displayName: name, role };
}

async function main(): Promise<void> {
  const admin = client(setting("CAMPUS_ADMIN_TOKEN"));
  const service = client(setting("CAMPUS_SERVICE_TOKEN"));

  const instructor = body("createUser", 201, await admin.POST("/api/v1/users", { body: user("instructor", "Client Instructor") }));
  let course = body("createCourse", 201, await admin.POST("/api/v1/courses", {
    body: { slug: `ts-client-${unique().substring(0, 8)}`, title: "TypeScript client course", instructorId: instructor.id,
      price: { amount: 4900, currency: "EUR" } },
  }));
  check(course.status === "draft", `a new course is a draft, not ${course.status}`);
  const lesson = body("createLesson", 201, await admin.POST("/api/v1/courses/{courseId}/lessons", {
    params: { path: { courseId: course.id } }, body: { title: "Welcome", durationMinutes: 5, published: true },
  }));
  check(lesson.id.length > 0, "the lesson has an id");
  course = body("publishCourse", 200, await admin.POST("/api/v1/courses/{id}/publish", { params: { path: { id: course.id } } }));
  check(course.status === "published", `the course is published, not ${course.status}`);

  const student = body("createUser", 201, await admin.POST("/api/v1/users", { body: user("student", "Client Student") }));
  const enrollment: Enrollment = body("createEnrollment", 201, await admin.POST("/api/v1/enrollments", {
    params: { header: { "Idempotency-Key": `ts-client-${unique()}` } }, body: { userId: student.id, courseId: course.id },
  }));
  check(enrollment.status === "pending_payment", `a paid course's enrollment waits for payment, not ${enrollment.status}`);
  check(enrollment.cancellationReason === null, "a live enrollment has no cancellation reason (null, which the contract declares)");
  const invoiceId = enrollment.invoiceId;
  if (invoiceId === null || invoiceId === undefined) {
    throw new Error("scenario failed: a paid course's enrollment names its invoice");
  }

  const invoice = body("payInvoice", 200, await service.POST("/api/v1/invoices/{id}/pay", {
    params: { path: { id: invoiceId }, header: { "Idempotency-Key": `pay-${unique()}` } },
    body: { paymentReference: `psp-${unique()}`, amount: { amount: 4900, currency: "EUR" } },
  }));
  check(invoice.status === "paid", `the invoice is paid, not ${invoice.status}`);
  const active = body("getEnrollment", 200, await admin.GET("/api/v1/enrollments/{id}", { params: { path: { id: enrollment.id } } }));
  check(active.status === "active", `payment activates the enrollment, not ${active.status}`);

  const standing = body("getBillingStanding", 200, await admin.GET("/api/v1/users/{id}/billing", { params: { path: { id: student.id } } }));
  check(standing.standing === "good_standing", `the student is in good standing, not ${standing.standing}`);
  check(standing.outstanding.length === 0, "nothing is outstanding");

  const first = body("listUsers", 200, await admin.GET("/api/v1/users", { params: { query: { limit: 1 } } }));
  check(first.items.length === 1, "the first page holds one user");
  const cursor = first.nextCursor;
  if (cursor === null || cursor === undefined) {
    throw new Error("scenario failed: the first page has a next cursor");
  }
  const second = body("listUsers", 200, await admin.GET("/api/v1/users", { params: { query: { limit: 1, cursor } } }));
  check(second.items.length === 1, "the second page holds one user");
  check(second.items[0]?.id !== first.items[0]?.id, "the second page continues after the first");
  check(second.nextCursor !== cursor, "each page has its own cursor");

  // A delete declares only application/problem+json (its success has no body): that is the Accept a client sends.
  const leaving = body("createUser", 201, await admin.POST("/api/v1/users", { body: user("student", "Client Leaver") }));
  const deleted = await admin.DELETE("/api/v1/users/{id}", {
    params: { path: { id: leaving.id } }, headers: { Accept: "application/problem+json" },
  });
  check(deleted.response.status === 204, `deleteUser accepting only problem+json answers 204, not ${deleted.response.status}`);

  console.log("ts-client scenario: passed");
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
