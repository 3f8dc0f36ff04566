/**
 * Feature: the events feed ({@code GET /api/v1/events}), the catalog of event types and the retention of the
 * outbox. Built on top of every feature (it reads each feature's {@code *Events} description and response records);
 * no feature and nothing in {@code shared} depends on it.
 */
package dev.campus.event;
