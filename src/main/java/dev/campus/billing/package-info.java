/**
 * Feature: invoices, payments, payment expiry and a user's billing standing. The top feature: depends on
 * {@code enrollment}, {@code course}, {@code user} and {@code shared}; nothing depends on it. Its lock order
 * (enrollment, then invoice) is stated once, in {@link dev.campus.billing.Invoice#lockWithEnrollment}.
 */
package dev.campus.billing;
