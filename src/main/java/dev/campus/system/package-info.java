/**
 * Framework wiring no feature may touch: exception mappers and problem completion, the OpenAPI document's
 * completion (problem responses, roles, sort orders, nullable schemas), request limits, allowed methods and
 * content negotiation at the HTTP layer, single-valued query parameters,
 * bearer-token rules, typed parameter converters, startup checks. May depend on features (to describe them);
 * nothing outside {@code system} imports it.
 */
package dev.campus.system;
