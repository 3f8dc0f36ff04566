/**
 * Feature: webhook endpoints, their deliveries, the signed delivery worker and the SSRF target policy. Built on top
 * of every feature and of {@code event}; no feature and nothing in {@code shared} depends on it.
 */
package dev.campus.webhook;
