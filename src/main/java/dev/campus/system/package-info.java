/**
 * Framework wiring no feature may touch: exception mappers and problem completion, the OpenAPI document's
 * completion (problem responses, roles, sort orders), request limits and allowed methods at the HTTP layer,
 * bearer-token rules, typed parameter converters, startup checks. May depend on features (to describe them);
 * nothing outside {@code system} imports it.
 */
package dev.campus.system;
