package dev.campus.kafka;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.inject.Inject;

/**
 * The relay's producer settings: idempotent, acks=all, at most five requests in flight (the idempotent producer
 * keeps their order), every send retried until campus.kafka.delivery-timeout; and the security settings passed
 * through as the Kafka client takes them: campus.kafka.security-protocol is security.protocol, and so on.
 */
@ApplicationScoped
public class ProducerSettings {

    /** The client settings passed through: campus.kafka. and the client's name with a dash for each dot. */
    static final List<String> PASSED_THROUGH = List.of("campus.kafka.security-protocol", "campus.kafka.sasl-mechanism",
            "campus.kafka.sasl-jaas-config", "campus.kafka.ssl-truststore-location", "campus.kafka.ssl-truststore-password",
            "campus.kafka.ssl-truststore-type", "campus.kafka.ssl-keystore-location", "campus.kafka.ssl-keystore-password",
            "campus.kafka.ssl-keystore-type", "campus.kafka.ssl-key-password", "campus.kafka.ssl-endpoint-identification-algorithm");
    static final String PREFIX = "campus.kafka.";

    @Inject
    Config config;

    @ConfigProperty(name = "campus.kafka.delivery-timeout")
    java.time.Duration deliveryTimeout;

    /** The producer's configuration for these bootstrap servers. */
    public Map<String, Object> producer(String bootstrapServers) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "campus-kafka-relay");
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        settings.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        long timeout = deliveryTimeout.toMillis();
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1000, timeout / 3));
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Math.max(1000, timeout / 3));
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        settings.put(ProducerConfig.ENABLE_METRICS_PUSH_CONFIG, false);
        settings.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        settings.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        for (String name : PASSED_THROUGH) {
            config.getOptionalValue(name, String.class).filter(value -> !value.isBlank())
                    .ifPresent(value -> settings.put(name.substring(PREFIX.length()).replace('-', '.'), value));
        }
        return settings;
    }
}
