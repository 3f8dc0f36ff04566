/**
 * Feature: the Kafka relay, which publishes the outbox (the events table) to a Kafka topic as CloudEvents, in feed
 * order, at least once, when {@code campus.kafka.bootstrap-servers} is set; off (no client, no thread, no metric)
 * otherwise. Built on the events feed ({@code dev.campus.event}); nothing depends on it.
 */
package dev.campus.kafka;
