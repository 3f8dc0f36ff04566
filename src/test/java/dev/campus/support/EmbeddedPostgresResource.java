package dev.campus.support;

import java.util.HashMap;
import java.util.Map;

import dev.campus.devmode.DevJwtKeys;
import dev.campus.devmode.EmbeddedDatabaseConfigSourceFactory.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * Every test (@QuarkusTest in this JVM, @QuarkusIntegrationTest against the packaged jar) runs against a real
 * PostgreSQL started from the embedded binaries, and trusts tokens signed with a test key pair: the same
 * server and keys dev mode uses, configured through the same CAMPUS_* settings production reads.
 */
@WithTestResource(value = EmbeddedPostgresResource.class, scope = TestResourceScope.GLOBAL)
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> settings = new HashMap<>(EmbeddedDatabase.start());
        settings.putAll(DevJwtKeys.start());
        return settings;
    }

    @Override
    public void stop() {
        // The server lives as long as the test JVM; its shutdown hook removes it.
    }
}
