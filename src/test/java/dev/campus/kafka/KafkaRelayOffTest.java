package dev.campus.kafka;

import static dev.campus.support.Api.api;
import static dev.campus.support.Management.management;
import static dev.campus.support.Management.metrics;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.campus.support.Fixtures;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Without campus.kafka.bootstrap-servers nothing of Kafka runs: no producer, no client thread, no relay thread, no
 * relay metric, no Kafka health check, and no relay holds the outbox's retention back; writes make their events as
 * always (the feed and webhooks are unchanged).
 */
@QuarkusTest
class KafkaRelayOffTest {

    @Inject
    KafkaRelay relay;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void withoutBootstrapServersNoKafkaClientThreadOrMetricExists() throws Exception {
        Fixtures.user("student"); // a write, which the relay would publish if it were on
        assertThat(relay.enabled()).isFalse();
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .as("no Kafka client thread (kafka-producer-network-thread), no relay thread")
                .noneMatch(name -> name.contains("kafka"));
        assertThat(metrics()).as("no relay or Kafka client metric").doesNotContain("campus_kafka").doesNotContain("kafka_producer");
        String ready = management().get("/q/health/ready").then().statusCode(200).extract().asString();
        assertThat(ready).as("readiness has no Kafka check").doesNotContainIgnoringCase("kafka");
        assertThat(relay.doneUpTo()).as("the retention is not held back").isEmpty();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select count(*) from kafka_relay")) {
            rows.next();
            assertThat(rows.getLong(1)).as("no relay position is recorded").isZero();
        }
        assertThat(api().get("/api/v1/events").then().statusCode(200).extract().<java.util.List<?>>path("items")).isNotEmpty();
    }
}
