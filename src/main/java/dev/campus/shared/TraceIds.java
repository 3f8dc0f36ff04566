package dev.campus.shared;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/**
 * The trace the current request belongs to, as W3C trace ids (32 lower-case hex digits): what a problem body and
 * every log line of the request carry, so that a user's error report leads to the trace and the logs.
 */
public final class TraceIds {

    /** The extension member of a problem body that carries the trace id. */
    public static final String MEMBER = "traceId";

    private TraceIds() {
    }

    /** The id of the current trace, or null outside of one (no request, or tracing disabled). */
    public static String current() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }
}
