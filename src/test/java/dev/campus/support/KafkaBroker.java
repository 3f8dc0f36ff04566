package dev.campus.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A single-node Apache Kafka broker (KRaft: broker and controller in one process) on loopback, in a JVM of its own
 * whose class path the build resolved apart from the tests' (target/kafka-broker.classpath, pom.xml): storage
 * formatted with a random cluster id in target/kafka/, free ports kept across {@link #stop()} and
 * {@link #start()}, so that a stopped broker comes back at the same address with its data, as after an outage.
 * Its output goes to target/kafka/NAME.log. Also the tests' consumer: {@link #read}.
 */
public final class KafkaBroker implements AutoCloseable {

    static final Path CLASSPATH = Path.of("target", "kafka-broker.classpath");
    static final Path ROOT = Path.of("target", "kafka");
    static final Duration READY_WITHIN = Duration.ofSeconds(60);
    /** The tests' Kafka clients (admin, consumer) log their whole configuration at INFO: warnings only. */
    private static final java.util.logging.Logger CLIENT_LOGS = java.util.logging.Logger.getLogger("org.apache.kafka");

    static {
        CLIENT_LOGS.setLevel(java.util.logging.Level.WARNING);
    }

    private final String name;
    private final Path directory;
    private final int port;
    private final int controllerPort;
    private Process process;

    private KafkaBroker(String name, Path directory, int port, int controllerPort) {
        this.name = name;
        this.directory = directory;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** A new broker, formatted and started; ready to take topics. */
    public static KafkaBroker start(String name) {
        try {
            Path directory = ROOT.resolve(name + "-" + UUID.randomUUID().toString().substring(0, 8)).toAbsolutePath();
            Files.createDirectories(directory);
            KafkaBroker broker = new KafkaBroker(name, directory, freePort(), freePort());
            broker.configure();
            broker.run(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c", broker.properties().toString()),
                    directory.resolve("format.log"), true);
            broker.start();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** host:port of the broker's listener. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The listener's port. */
    public int port() {
        return port;
    }

    /** Starts the (stopped) broker again on its ports and data, and waits until it answers. */
    public void start() throws IOException {
        process = run(List.of("kafka.Kafka", properties().toString()), ROOT.resolve(name + ".log"), false);
        awaitReady();
    }

    /** Stops the broker (SIGTERM, then SIGKILL after 30 s); its port refuses connections afterwards. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Creates a topic of this many partitions. */
    public void createTopic(String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Every record of the topic from its beginning, as a consumer reads them (partition by partition, in offset
     * order within each), once nothing new has arrived for {@code quiet} or {@code until} accepts what was read.
     */
    public List<ConsumerRecord<String, byte[]>> read(String topic, Duration quiet, Duration timeout,
            java.util.function.Predicate<List<ConsumerRecord<String, byte[]>>> until) {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.ENABLE_METRICS_PUSH_CONFIG, false);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(partition -> new TopicPartition(topic, partition.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            long lastNew = System.nanoTime();
            while (System.nanoTime() < deadline) {
                var polled = consumer.poll(Duration.ofMillis(200));
                polled.forEach(records::add);
                if (!polled.isEmpty()) {
                    lastNew = System.nanoTime();
                } else if (until.test(records) || System.nanoTime() - lastNew > quiet.toNanos() && quiet.toNanos() > 0) {
                    break;
                }
            }
        }
        return records;
    }

    /** A header's value as text, or null. */
    public static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // best effort: target/ goes with the next clean
        }
    }

    private Path properties() {
        return directory.resolve("server.properties");
    }

    private void configure() throws IOException {
        String config = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + directory.resolve("data"),
                "num.partitions=3",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "log.flush.interval.messages=1",
                "") ;
        Files.writeString(properties(), config);
    }

    private Process run(List<String> arguments, Path log, boolean wait) throws IOException {
        if (!Files.isRegularFile(CLASSPATH)) {
            throw new IllegalStateException(CLASSPATH + " is missing: the build writes it (maven-antrun-plugin, generate-test-resources)");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true",
                "-cp", Files.readString(CLASSPATH).trim()));
        command.addAll(arguments);
        Process started = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (wait) {
            try {
                if (!started.waitFor(60, TimeUnit.SECONDS) || started.exitValue() != 0) {
                    started.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", arguments.subList(0, 2)) + " failed: " + Files.readString(log));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return started;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited: see " + ROOT.resolve(name + ".log"));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                        AdminClientConfig.ENABLE_METRICS_PUSH_CONFIG, false))) {
                    if (!admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                }
            } catch (Exception e) {
                // not yet
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("the Kafka broker did not answer within " + READY_WITHIN.toSeconds() + " s: see " + ROOT.resolve(name + ".log"));
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
