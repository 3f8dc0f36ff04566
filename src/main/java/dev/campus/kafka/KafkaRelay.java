package dev.campus.kafka;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

import dev.campus.event.Event;
import dev.campus.event.RetentionHold;

/**
 * Publishes the outbox to Kafka, on when campus.kafka.bootstrap-servers is set. Every replica runs a relay thread,
 * and one at a time leads: the one holding the PostgreSQL advisory lock of the topic on its own connection (a
 * session lock, released by PostgreSQL when the leader stops or dies, when another replica takes it within a
 * second). The leader reads the events after its position that the feed shows (the feed's visibility rule, so that
 * a transaction committing late is never skipped), sends them (key: subject), waits for the broker's
 * acknowledgement (idempotent producer, acks=all) and only then moves the position in PostgreSQL, up to the last
 * event acknowledged with every one before it. A failure (broker unreachable, crash before the position moved)
 * sends events again: at least once, in feed order per key; consumers drop repeats by the CloudEvents id. The
 * position moves only from the value the leader read (compare and set), so a replica that lost the lock without
 * noticing cannot move it back. While the relay is on, the outbox's retention keeps every event after it.
 */
@ApplicationScoped
public class KafkaRelay implements RetentionHold {

    private static final Logger LOG = Logger.getLogger(KafkaRelay.class);
    /** How often a replica that does not lead tries to take the lead. */
    static final Duration FOLLOWER_INTERVAL = Duration.ofSeconds(1);
    /** The pause after a failed round (broker or database unreachable) before the next. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    /** How often the lag is measured. */
    static final Duration LAG_INTERVAL = Duration.ofSeconds(1);
    /** A failure is logged at most this often while it lasts. */
    static final Duration LOG_INTERVAL = Duration.ofSeconds(30);
    /** The lag in events is counted up to this many. */
    static final int LAG_COUNT_LIMIT = 1_000_000;

    @ConfigProperty(name = "campus.kafka.bootstrap-servers")
    Optional<String> bootstrapServers;

    @ConfigProperty(name = "campus.kafka.topic")
    String topic;

    @ConfigProperty(name = "campus.kafka.poll-interval")
    Duration pollInterval;

    @ConfigProperty(name = "campus.kafka.batch-size")
    int batchSize;

    // Optional: a required property here would fail start-up without database settings before
    // AuthenticationSettingsCheck/StartupFailureLogFilter can name the cause (ProductionArtifactIT).
    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    Optional<String> jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    Optional<String> jdbcUser;

    @ConfigProperty(name = "quarkus.datasource.password")
    Optional<String> jdbcPassword;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Inject
    ProducerSettings settings;

    @Inject
    RelayTracing tracing;

    private final Object wake = new Object();
    private volatile boolean running;
    private Thread thread;

    // Owned by the relay thread.
    private Connection lock;
    private Position position;
    private KafkaProducer<String, byte[]> producer;
    private long lastLag;
    private long failingSince;
    private long lastFailureLog;

    private Counter published;
    private Counter errors;
    private Timer delay;
    private final AtomicLong leader = new AtomicLong();
    private final AtomicLong lagEvents = new AtomicLong();
    private final AtomicLong lagMillis = new AtomicLong();

    /** Whether the relay is on (campus.kafka.bootstrap-servers set). */
    public boolean enabled() {
        return bootstrapServers.filter(servers -> !servers.isBlank()).isPresent();
    }

    void start(@Observes StartupEvent startup) {
        if (!enabled()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        insert into kafka_relay (topic, position_tx, position_id, updated_at) values (?, ?, ?, now())
                        on conflict (topic) do nothing""")) {
            insert.setString(1, topic);
            insert.setLong(2, Position.START.tx());
            insert.setObject(3, Position.START.id());
            insert.executeUpdate();
        } catch (SQLException e) {
            LOG.warnf("Could not record the Kafka relay's start position yet (the relay will retry): %s", e.toString());
        }
        published = Counter.builder("campus.kafka.relay.published").description("Events the broker acknowledged").register(registry);
        errors = Counter.builder("campus.kafka.relay.errors")
                .description("Relay rounds that failed (broker unreachable or refusing, database unreachable); they are retried").register(registry);
        delay = Timer.builder("campus.kafka.relay.delay").description("From an event's commit to the broker's acknowledgement")
                .serviceLevelObjectives(Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
                        Duration.ofMillis(500), Duration.ofMillis(750), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30))
                .register(registry);
        Gauge.builder("campus.kafka.relay.leader", leader, AtomicLong::get).description("1 on the replica whose relay publishes, 0 on the others")
                .register(registry);
        Gauge.builder("campus.kafka.relay.lag.events", lagEvents, AtomicLong::get).description("Events written but not yet acknowledged by the broker")
                .baseUnit("events").register(registry);
        Gauge.builder("campus.kafka.relay.lag.seconds", lagMillis, millis -> millis.get() / 1000.0)
                .description("Age of the oldest event not yet acknowledged by the broker (0 when none waits)").register(registry);
        running = true;
        thread = new Thread(this::loop, "campus-kafka-relay");
        thread.setDaemon(true);
        thread.start();
        LOG.infof("Kafka relay on: publishing the outbox to topic %s at %s", topic, bootstrapServers.get());
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (thread == null) {
            return;
        }
        running = false;
        synchronized (wake) {
            wake.notifyAll();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(25));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Optional<Position> doneUpTo() {
        if (!enabled()) {
            return Optional.empty();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select position_tx, position_id from kafka_relay where topic = ?")) {
            select.setString(1, topic);
            try (ResultSet row = select.executeQuery()) {
                return Optional.of(row.next() ? new Position(row.getLong(1), row.getObject(2, UUID.class)) : Position.START);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the Kafka relay's position", e);
        }
    }

    private void loop() {
        while (running) {
            Duration pause;
            try {
                int sent = round();
                measureLag();
                pause = sent < 0 ? FOLLOWER_INTERVAL : sent >= batchSize ? Duration.ZERO : pollInterval;
                if (failingSince != 0 && sent >= 0) {
                    LOG.infof("Kafka relay publishing again after %d s", (System.nanoTime() - failingSince) / 1_000_000_000L);
                    failingSince = 0;
                }
            } catch (Exception e) {
                errors.increment();
                failed(e);
                pause = RETRY_AFTER;
            }
            sleep(pause);
        }
        closeProducer(Duration.ofSeconds(10));
        resign();
    }

    /**
     * One round: takes or keeps the lead, publishes the next batch and moves the position; how many events the
     * broker acknowledged, or -1 when another replica leads.
     */
    int round() throws SQLException, ExecutionException, InterruptedException {
        if (!lead()) {
            return -1;
        }
        List<OutboxRow> events = next(position);
        if (events.isEmpty()) {
            return 0;
        }
        if (producer == null) {
            producer = new KafkaProducer<>(settings.producer(bootstrapServers.get()));
        }
        List<Future<RecordMetadata>> acks = new ArrayList<>(events.size());
        for (OutboxRow event : events) {
            RecordHeaders headers = new RecordHeaders();
            RelayTracing.Send send = tracing.start(topic, event, headers);
            Future<RecordMetadata> ack = producer.send(CloudEventRecords.of(topic, event, headers), send::acknowledged);
            acks.add(ack);
            if (ack.isDone() && failed(ack)) {
                break; // no metadata (broker unreachable): the rest would each wait as long
            }
        }
        producer.flush();
        int acknowledged = 0;
        ExecutionException failure = null;
        for (Future<RecordMetadata> ack : acks) {
            try {
                ack.get();
                acknowledged++;
            } catch (ExecutionException e) {
                failure = e;
                break;
            }
        }
        if (acknowledged > 0) {
            OutboxRow last = events.get(acknowledged - 1);
            advance(last.position());
            published.increment(acknowledged);
            long now = System.currentTimeMillis();
            for (OutboxRow event : events.subList(0, acknowledged)) {
                delay.record(Math.max(0, now - event.time().toEpochMilli()), TimeUnit.MILLISECONDS);
            }
        }
        if (failure != null || acknowledged < events.size()) {
            throw failure != null ? failure : new ExecutionException("the broker acknowledged " + acknowledged + " of " + events.size(), null);
        }
        return acknowledged;
    }

    private static boolean failed(Future<RecordMetadata> ack) {
        try {
            ack.get();
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /**
     * Holds the topic's advisory lock on the relay's own connection, taking it when free; whether this replica leads.
     * The connection is not from the pool: closing it must end the session, and with it the lock.
     */
    private boolean lead() throws SQLException {
        if (lock != null) {
            return true;
        }
        Properties properties = new Properties();
        jdbcUser.ifPresent(user -> properties.setProperty("user", user));
        jdbcPassword.ifPresent(password -> properties.setProperty("password", password));
        properties.setProperty("ApplicationName", "campus-kafka-relay");
        properties.setProperty("socketTimeout", "30");
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("tcpKeepAlive", "true");
        String url = jdbcUrl.orElseThrow(() -> new SQLException("quarkus.datasource.jdbc.url is not set"));
        Connection connection = new org.postgresql.Driver().connect(url, properties);
        if (connection == null) {
            throw new SQLException("Not a PostgreSQL JDBC URL: " + url);
        }
        try {
            boolean locked;
            try (PreparedStatement take = connection.prepareStatement("select pg_try_advisory_lock(hashtextextended('campus.kafka.relay:' || ?, 0))")) {
                take.setString(1, topic);
                try (ResultSet row = take.executeQuery()) {
                    locked = row.next() && row.getBoolean(1);
                }
            }
            if (!locked) {
                connection.close();
                return false;
            }
            lock = connection;
            position = readPosition();
            leader.set(1);
            LOG.infof("Kafka relay leads: publishing to %s from position %s", topic, position);
            return true;
        } catch (SQLException | RuntimeException e) {
            if (lock == null) {
                connection.close();
            }
            throw e;
        }
    }

    private Position readPosition() throws SQLException {
        try (PreparedStatement select = lock.prepareStatement("select position_tx, position_id from kafka_relay where topic = ?")) {
            select.setString(1, topic);
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    return new Position(row.getLong(1), row.getObject(2, UUID.class));
                }
            }
        }
        try (PreparedStatement insert = lock.prepareStatement("""
                insert into kafka_relay (topic, position_tx, position_id, updated_at) values (?, ?, ?, now()) on conflict (topic) do nothing""")) {
            insert.setString(1, topic);
            insert.setLong(2, Position.START.tx());
            insert.setObject(3, Position.START.id());
            insert.executeUpdate();
        }
        return Position.START;
    }

    /** The next events the feed shows after the position, in feed order (the feed's rule: Event.HORIZON). */
    private List<OutboxRow> next(Position after) throws SQLException {
        try (PreparedStatement select = lock.prepareStatement("select id, tx, type, source, subject, occurred_at, data::text, traceparent"
                + " from events where tx < " + Event.HORIZON + " and (tx, id) > (?, ?) order by tx, id limit ?")) {
            select.setLong(1, after.tx());
            select.setObject(2, after.id());
            select.setInt(3, batchSize);
            List<OutboxRow> rows = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    rows.add(new OutboxRow(row.getObject(1, UUID.class), row.getLong(2), row.getString(3), row.getString(4), row.getString(5),
                            row.getTimestamp(6).toInstant(), row.getString(7), row.getString(8)));
                }
            }
            return rows;
        }
    }

    /** Moves the position from the one this leader read to {@code to}; a changed row means another relay moved it. */
    private void advance(Position to) throws SQLException {
        try (PreparedStatement update = lock.prepareStatement("""
                update kafka_relay set position_tx = ?, position_id = ?, published_at = now(), updated_at = now()
                where topic = ? and position_tx = ? and position_id = ?""")) {
            update.setLong(1, to.tx());
            update.setObject(2, to.id());
            update.setString(3, topic);
            update.setLong(4, position.tx());
            update.setObject(5, position.id());
            if (update.executeUpdate() != 1) {
                resign();
                throw new IllegalStateException("another relay moved the position of " + topic + ": this replica no longer leads");
            }
        }
        position = to;
    }

    private void measureLag() {
        long now = System.nanoTime();
        if (now - lastLag < LAG_INTERVAL.toNanos()) {
            return;
        }
        lastLag = now;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        select count(*), coalesce(extract(epoch from now() - min(waiting.occurred_at)) * 1000, 0) from (
                            select e.occurred_at from events e, kafka_relay r
                            where r.topic = ? and (e.tx, e.id) > (r.position_tx, r.position_id) limit ?) waiting""")) {
            select.setString(1, topic);
            select.setInt(2, LAG_COUNT_LIMIT);
            try (ResultSet row = select.executeQuery()) {
                if (row.next()) {
                    lagEvents.set(row.getLong(1));
                    lagMillis.set(Math.max(0, Math.round(row.getDouble(2))));
                }
            }
        } catch (SQLException e) {
            LOG.debugf("Could not measure the Kafka relay's lag: %s", e);
        }
    }

    private void failed(Exception e) {
        long now = System.nanoTime();
        if (failingSince == 0) {
            failingSince = now;
        }
        if (lastFailureLog == 0 || now - lastFailureLog > LOG_INTERVAL.toNanos()) {
            lastFailureLog = now;
            LOG.warnf("Kafka relay: publishing to %s failed, retrying every %d s (events wait in the outbox): %s", topic,
                    RETRY_AFTER.toSeconds(), e.getCause() != null ? e.getCause().toString() : e.toString());
        }
        // A fresh producer and, if the database connection broke, a fresh lead next round.
        closeProducer(Duration.ofSeconds(1));
        if (lock != null && !valid(lock)) {
            resign();
        }
        measureLag();
    }

    private static boolean valid(Connection connection) {
        try {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private void closeProducer(Duration timeout) {
        if (producer != null) {
            try {
                producer.close(timeout);
            } catch (RuntimeException e) {
                LOG.debugf("Closing the Kafka producer: %s", e);
            }
            producer = null;
        }
    }

    /** Gives up the lead: closing the connection releases the advisory lock. */
    private void resign() {
        leader.set(0);
        position = null;
        if (lock != null) {
            try {
                lock.close();
            } catch (SQLException e) {
                LOG.debugf("Closing the relay's connection: %s", e);
            }
            lock = null;
        }
    }

    private void sleep(Duration pause) {
        if (pause.isZero() || !running) {
            return;
        }
        synchronized (wake) {
            try {
                wake.wait(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }
}
