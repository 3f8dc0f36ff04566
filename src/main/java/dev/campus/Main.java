package dev.campus;

import dev.campus.system.RequestLimits;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

import sun.misc.Signal;

/**
 * Kubernetes stops a pod with SIGTERM. Quarkus drains in-flight requests either way; this handler only makes the
 * process report that stop as a success (exit code 0) instead of the JVM's 143 (128 + SIGTERM), which the kubelet
 * records as reason "Error".
 */
@QuarkusMain
public class Main {

    public static void main(String... args) {
        // Lets a request target that java.net.URI refuses reach RequestLimits, which answers it with a 400 problem
        // instead of the HTTP layer's empty 400 (read once, when the HTTP server is built).
        System.setProperty("vertx.disableURIValidation", "true");
        Quarkus.run(Campus.class, args);
    }

    public static class Campus implements QuarkusApplication {
        @Override
        public int run(String... args) {
            Signal.handle(new Signal("TERM"), signal -> Quarkus.asyncExit(0));
            Quarkus.waitForExit();
            return 0;
        }
    }
}
