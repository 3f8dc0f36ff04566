package dev.campus.system;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * HTTP server latency ({@code http_server_requests_seconds}) as a Prometheus histogram with fixed buckets around the
 * service's objectives, 5 ms to 5 s: {@code histogram_quantile} over {@code _bucket} aggregates across pods, which a
 * per-pod summary cannot. Few buckets, so that the series per endpoint stay few.
 */
@Singleton
public class LatencyBuckets {

    /** The bucket bounds ({@code le} labels), besides +Inf. */
    public static final List<Duration> BOUNDS = List.of(Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5));

    static final String HTTP_SERVER_REQUESTS = "http.server.requests";

    /** The filter Quarkus Micrometer applies to every registry. */
    @Produces
    @Singleton
    public MeterFilter httpServerLatencyBuckets() {
        double[] slos = BOUNDS.stream().mapToDouble(Duration::toNanos).toArray();
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals(HTTP_SERVER_REQUESTS)) {
                    return config;
                }
                return DistributionStatisticConfig.builder().serviceLevelObjectives(slos).build().merge(config);
            }
        };
    }
}
