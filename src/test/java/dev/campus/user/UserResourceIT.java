package dev.campus.user;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same rules, checked against the packaged application. */
@QuarkusIntegrationTest
class UserResourceIT extends UserResourceTest {
}
