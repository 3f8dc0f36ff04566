package dev.campus.course;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same rules, checked against the packaged application. */
@QuarkusIntegrationTest
class LessonResourceIT extends LessonResourceTest {
}
