package dev.campus.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The Kubernetes manifests under k8s/, rendered: the base and every overlay. Rendered with the kustomize built
 * into kubectl when one with kustomize v5 is at hand (K8S_CHECK_KUBECTL, then k8s/.validate/bin/kubectl as
 * installed by .ci/k8s-check, then kubectl on PATH); otherwise by reading the base and applying the overlays'
 * patches here (resources, strategic-merge and JSON 6902 patches, configMapGenerator literals), which covers what
 * these kustomizations use. -Dcampus.k8s.kubectl=none forces the latter.
 */
final class Manifests {

    static final Path K8S = Path.of("k8s");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Manifests() {
    }

    /** Target ("base", "overlays/dev"...) to its rendered documents. */
    record Rendered(String renderer, Map<String, List<ObjectNode>> targets) {
    }

    static Rendered render() throws IOException, InterruptedException {
        List<String> targets = new ArrayList<>();
        targets.add("base");
        try (Stream<Path> overlays = Files.list(K8S.resolve("overlays"))) {
            overlays.filter(dir -> Files.isRegularFile(dir.resolve("kustomization.yaml")))
                    .map(dir -> "overlays/" + dir.getFileName()).sorted().forEach(targets::add);
        }
        Optional<String> kubectl = kubectl();
        Map<String, List<ObjectNode>> rendered = new LinkedHashMap<>();
        for (String target : targets) {
            rendered.put(target, kubectl.isPresent() ? kustomize(kubectl.get(), K8S.resolve(target)) : build(K8S.resolve(target)));
        }
        return new Rendered(kubectl.map(path -> path + " kustomize").orElse("the patches applied by this test (no kubectl with kustomize v5)"),
                rendered);
    }

    static Optional<String> kubectl() throws InterruptedException {
        String forced = System.getProperty("campus.k8s.kubectl", System.getenv("K8S_CHECK_KUBECTL"));
        if ("none".equals(forced)) {
            return Optional.empty();
        }
        List<String> candidates = new ArrayList<>();
        if (forced != null && !forced.isBlank() && !"npm".equals(forced)) {
            candidates.add(forced);
        }
        candidates.add(K8S.resolve(".validate/bin/kubectl").toAbsolutePath().toString());
        candidates.add("kubectl");
        for (String candidate : candidates) {
            try {
                Process version = new ProcessBuilder(candidate, "version", "--client").redirectErrorStream(true).start();
                String output = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (version.waitFor(30, TimeUnit.SECONDS) && version.exitValue() == 0 && output.contains("Kustomize Version: v5.")) {
                    return Optional.of(candidate);
                }
            } catch (IOException e) {
                // not there: try the next one
            }
        }
        return Optional.empty();
    }

    static List<ObjectNode> kustomize(String kubectl, Path dir) throws IOException, InterruptedException {
        Path out = Files.createTempFile("kustomize", ".yaml");
        try {
            Process process = new ProcessBuilder(kubectl, "kustomize", dir.toString()).redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.PIPE).start();
            String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + dir + " failed: " + errors);
            }
            return documents(Files.readString(out));
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

    // ---- Without kubectl: the subset of kustomize these manifests use ----

    static List<ObjectNode> build(Path dir) throws IOException {
        JsonNode kustomization = YAML.readTree(dir.resolve("kustomization.yaml").toFile());
        List<ObjectNode> documents = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            Path path = dir.resolve(resource.asText()).normalize();
            documents.addAll(Files.isDirectory(path) ? build(path) : documents(Files.readString(path)));
        }
        for (JsonNode generator : kustomization.path("configMapGenerator")) {
            ObjectNode configMap = YAML.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
            configMap.putObject("metadata").put("name", generator.path("name").asText());
            ObjectNode data = configMap.putObject("data");
            for (JsonNode literal : generator.path("literals")) {
                String[] pair = literal.asText().split("=", 2);
                data.put(pair[0], pair.length > 1 ? pair[1] : "");
            }
            documents.add(configMap);
        }
        for (JsonNode path : kustomization.path("patchesStrategicMerge")) {
            patch(documents, Files.readString(dir.resolve(path.asText())), null);
        }
        for (JsonNode patch : kustomization.path("patches")) {
            String content = patch.has("path") ? Files.readString(dir.resolve(patch.get("path").asText())) : patch.path("patch").asText();
            patch(documents, content, patch.get("target"));
        }
        return documents;
    }

    private static void patch(List<ObjectNode> documents, String content, JsonNode target) throws IOException {
        JsonNode patch = YAML.readTree(content);
        if (patch.isArray()) {
            for (ObjectNode document : documents) {
                if (matches(document, target, null)) {
                    for (JsonNode operation : patch) {
                        apply6902(document, operation);
                    }
                }
            }
            return;
        }
        Iterator<ObjectNode> each = documents.iterator();
        while (each.hasNext()) {
            ObjectNode document = each.next();
            if (matches(document, target, patch)) {
                if ("delete".equals(patch.path("$patch").asText())) {
                    each.remove();
                } else {
                    mergeStrategically(document, (ObjectNode) patch);
                }
            }
        }
    }

    private static boolean matches(ObjectNode document, JsonNode target, JsonNode patch) {
        JsonNode by = target != null ? target : patch;
        String kind = by.path("kind").asText(null);
        String name = target != null ? by.path("name").asText(null) : by.path("metadata").path("name").asText(null);
        return (kind == null || kind.equals(document.path("kind").asText()))
                && (name == null || name.equals(document.path("metadata").path("name").asText()));
    }

    /** Objects merge field by field; lists of named objects (containers, env, ports...) merge by name. */
    private static void mergeStrategically(ObjectNode target, ObjectNode patch) {
        patch.fields().forEachRemaining(field -> {
            if (field.getKey().startsWith("$patch")) {
                return;
            }
            JsonNode current = target.get(field.getKey());
            JsonNode value = field.getValue();
            if (current instanceof ObjectNode currentObject && value instanceof ObjectNode valueObject) {
                mergeStrategically(currentObject, valueObject);
            } else if (current instanceof ArrayNode currentList && value instanceof ArrayNode valueList && namedObjects(valueList)) {
                for (JsonNode element : valueList) {
                    ObjectNode existing = null;
                    for (JsonNode candidate : currentList) {
                        if (candidate.path("name").equals(element.get("name"))) {
                            existing = (ObjectNode) candidate;
                        }
                    }
                    if (existing != null) {
                        mergeStrategically(existing, (ObjectNode) element);
                    } else {
                        currentList.add(element.deepCopy());
                    }
                }
            } else {
                target.set(field.getKey(), value.deepCopy());
            }
        });
    }

    private static boolean namedObjects(ArrayNode list) {
        for (JsonNode element : list) {
            if (!element.isObject() || !element.has("name")) {
                return false;
            }
        }
        return !list.isEmpty();
    }

    private static void apply6902(ObjectNode document, JsonNode operation) {
        String op = operation.path("op").asText();
        String[] tokens = operation.path("path").asText().substring(1).split("/");
        JsonNode parent = document;
        for (int i = 0; i < tokens.length - 1; i++) {
            String token = unescape(tokens[i]);
            parent = parent.isArray() ? parent.get(Integer.parseInt(token)) : parent.get(token);
            if (parent == null) {
                throw new AssertionError("JSON patch path " + operation.path("path").asText() + " does not exist");
            }
        }
        String last = unescape(tokens[tokens.length - 1]);
        JsonNode value = operation.get("value");
        if (parent instanceof ObjectNode object) {
            switch (op) {
                case "add", "replace" -> object.set(last, value.deepCopy());
                case "remove" -> object.remove(last);
                default -> throw new AssertionError("unsupported JSON patch op " + op);
            }
        } else if (parent instanceof ArrayNode array) {
            switch (op) {
                case "add" -> {
                    if ("-".equals(last)) {
                        array.add(value.deepCopy());
                    } else {
                        array.insert(Integer.parseInt(last), value.deepCopy());
                    }
                }
                case "replace" -> array.set(Integer.parseInt(last), value.deepCopy());
                case "remove" -> array.remove(Integer.parseInt(last));
                default -> throw new AssertionError("unsupported JSON patch op " + op);
            }
        }
    }

    private static String unescape(String token) {
        return token.replace("~1", "/").replace("~0", "~");
    }

    // ---- Reading rendered documents ----

    static List<ObjectNode> ofKind(List<ObjectNode> documents, String kind) {
        return documents.stream().filter(document -> kind.equals(document.path("kind").asText())).toList();
    }

    static Optional<ObjectNode> named(List<ObjectNode> documents, String kind, String name) {
        return ofKind(documents, kind).stream().filter(document -> name.equals(document.path("metadata").path("name").asText()))
                .findFirst();
    }

    static String readable(Object value) {
        try {
            return YAML.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
