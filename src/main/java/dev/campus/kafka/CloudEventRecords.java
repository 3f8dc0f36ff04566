package dev.campus.kafka;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * An event as a Kafka record in the binary content mode of the CloudEvents Kafka protocol binding (1.0): the value is
 * the event's data (the resource's JSON, as in the feed), {@code content-type} is its datacontenttype, and each
 * attribute is a {@code ce_} header: specversion, id, source, type, subject, time (RFC 3339, UTC) and the extension
 * {@code position}, the event's place in the feed's order. The key is the subject, so that one resource's events
 * share a partition and keep their order. Binary rather than structured: consumers read the data as the API's own
 * JSON with any deserializer, and route or filter on headers without parsing the value.
 */
final class CloudEventRecords {

    /** The extension attribute carrying the feed position (CloudEvents names: lower-case letters and digits). */
    static final String POSITION = "position";

    private CloudEventRecords() {
    }

    /** The record of the event for the topic, with these further headers (trace context). */
    static ProducerRecord<String, byte[]> of(String topic, OutboxRow event, RecordHeaders headers) {
        header(headers, "ce_specversion", "1.0");
        header(headers, "ce_id", event.id().toString());
        header(headers, "ce_source", event.source());
        header(headers, "ce_type", event.type());
        header(headers, "ce_subject", event.subject());
        header(headers, "ce_time", DateTimeFormatter.ISO_INSTANT.format(event.time()));
        header(headers, "ce_" + POSITION, position(event.tx(), event.id().toString()));
        header(headers, "content-type", "application/json");
        return new ProducerRecord<>(topic, null, event.subject(), event.data().getBytes(StandardCharsets.UTF_8), headers);
    }

    /**
     * The feed position as a string that sorts as the feed does: the writing transaction's id, zero-padded to 20
     * digits, a dash and the event id (UUIDv7, increasing within a transaction).
     */
    static String position(long tx, String id) {
        return String.format("%020d-%s", tx, id);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
