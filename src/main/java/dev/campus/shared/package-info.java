/**
 * The toolkit every feature may use: who is calling ({@link dev.campus.shared.Caller}), problem details (RFC 9457:
 * {@link dev.campus.shared.Problems}, {@link dev.campus.shared.ProblemType}), entity tags and preconditions (RFC
 * 9110), JSON merge patch (RFC 7396), idempotency keys, money, the versioned entity base. Depends on no feature,
 * and not on {@code system} or {@code devmode}.
 */
package dev.campus.shared;
