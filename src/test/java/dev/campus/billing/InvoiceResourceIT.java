package dev.campus.billing;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same rules, checked against the packaged application. */
@QuarkusIntegrationTest
class InvoiceResourceIT extends InvoiceResourceTest {
}
