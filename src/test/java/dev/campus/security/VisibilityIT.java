package dev.campus.security;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same rules, checked against the packaged application. */
@QuarkusIntegrationTest
class VisibilityIT extends VisibilityTest {
}
