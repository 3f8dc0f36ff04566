/**
 * Keyset pagination for every list: the list parameters (limit, cursor, sort), sort orders, opaque versioned
 * cursors, pages and the Link rel="next" header (RFC 8288). Part of the toolkit features may use; depends only on
 * {@code shared}.
 */
package dev.campus.shared.paging;
