/**
 * What operators see of the service beyond its API: the current trace id (for problem bodies and logs), the
 * {@code traceId} member of every problem, and the HTTP latency histogram's buckets. Depends on no feature; used
 * by {@code shared} (Problems) and {@code system} (the Problem schema of the contract).
 */
package dev.campus.observability;
