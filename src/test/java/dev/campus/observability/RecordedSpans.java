package dev.campus.observability;

import java.util.Collection;
import java.util.List;

import jakarta.inject.Singleton;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * The span exporter of the tests (Quarkus uses a SpanExporter bean instead of OTLP): an InMemorySpanExporter that
 * keeps spans only while a test records, so that the other tests sharing the application do not fill the memory.
 */
@Singleton
public class RecordedSpans implements SpanExporter {

    private final InMemorySpanExporter memory = InMemorySpanExporter.create();
    private volatile boolean recording;

    /** Forgets what was recorded and records from now on. */
    public void start() {
        memory.reset();
        recording = true;
    }

    /** Stops recording and forgets. */
    public void stop() {
        recording = false;
        memory.reset();
    }

    /** The spans ended since start(). */
    public List<SpanData> spans() {
        return memory.getFinishedSpanItems();
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
        return recording ? memory.export(spans) : CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return memory.flush();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
