package dev.campus.enrollment;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same rules, checked against the packaged application. */
@QuarkusIntegrationTest
class EnrollmentResourceIT extends EnrollmentResourceTest {
}
