import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The API traffic of .ci/container-check, as a single-file program (JDK only):
 * <pre>
 *   java src/test/container/Traffic.java scenario BASE AUTH_DIR
 *   java src/test/container/Traffic.java load     BASE AUTH_DIR SECONDS THREADS
 *   java src/test/container/Traffic.java drain    BASE AUTH_DIR MANAGEMENT_BASE SHUTDOWN_DELAY_SECONDS THREADS
 * </pre>
 * AUTH_DIR holds bench/Token.java's output: token (admin) and token-2 (service role).
 * <ul>
 * <li>scenario: users, a paid course with lessons, publish, enroll, pay with the service token, progress to
 * completion, the lists and the billing standing; every answer's status is checked.</li>
 * <li>load: THREADS threads repeat a student's journey (create, enroll, pay, complete a lesson) mixed with reads
 * for SECONDS seconds; prints {@code load: requests=N errors=N ...}.</li>
 * <li>drain: for `docker stop`. THREADS threads repeat the journey while it polls readiness; once readiness has
 * been DOWN for 2 s (a load balancer has stopped routing by then) they send nothing new. Slow requests, one per
 * thread, whose body is sent in two halves around the end of the shutdown delay, are in flight while the app
 * drains and must be answered 201. Prints {@code drain: ...}; any failed request before the cut-off is an error.</li>
 * </ul>
 * Every mode exits 1 when an answer was not the expected one.
 */
public class Traffic {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern INVOICE_ID = Pattern.compile("\"invoiceId\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String admin;
    private final String service;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final List<String> firstErrors = new ArrayList<>();
    private final AtomicLong drainedAfterDown = new AtomicLong();
    private final AtomicLong slowAnswered = new AtomicLong();

    private Traffic(String base, Path auth) throws IOException {
        this.base = base;
        this.admin = Files.readString(auth.resolve("token")).trim();
        this.service = Files.readString(auth.resolve("token-2")).trim();
    }

    /** Runs one mode (see the class comment); exit status 0 when every answer was the expected one, 1 if not. */
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: Traffic scenario|load|drain BASE AUTH_DIR [...] (see the Javadoc)");
            System.exit(2);
        }
        Traffic traffic = new Traffic(args[1], Path.of(args[2]));
        boolean ok = switch (args[0]) {
            case "scenario" -> traffic.scenario();
            case "load" -> traffic.load(Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "drain" -> traffic.drain(args[3], Double.parseDouble(args[4]), Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        };
        System.exit(ok ? 0 : 1);
    }

    /** A course with its published lessons, as the journeys use it. */
    private record Course(String id, List<String> lessons, long price) {
    }

    private boolean scenario() throws Exception {
        String instructor = createUser("instructor");
        String student = createUser("student");
        Course course = createCourse(instructor, 1999, 3);
        expect("GET", "/api/v1/courses/" + course.id, null, null, 200);
        String enrollment = enroll(student, course);
        expect("GET", "/api/v1/enrollments/" + enrollment, admin, null, 200, "\"status\":\"active\"");
        for (String lesson : course.lessons) {
            expect("PUT", "/api/v1/enrollments/" + enrollment + "/lessons/" + lesson + "/completion", service, null, 200);
        }
        expect("GET", "/api/v1/enrollments/" + enrollment + "/progress", service, null, 200, "\"percentComplete\":100");
        expect("GET", "/api/v1/enrollments/" + enrollment, admin, null, 200, "\"status\":\"completed\"");
        expect("GET", "/api/v1/courses?limit=5&status=published", null, null, 200, "\"items\"");
        expect("GET", "/api/v1/courses/" + course.id + "/lessons", null, null, 200, "\"items\"");
        expect("GET", "/api/v1/users?limit=5", admin, null, 200, "\"items\"");
        expect("GET", "/api/v1/enrollments?userId=" + student, admin, null, 200, enrollment);
        expect("GET", "/api/v1/invoices?userId=" + student, admin, null, 200, "\"status\":\"paid\"");
        expect("GET", "/api/v1/users/" + student + "/billing", admin, null, 200);
        expect("GET", "/api/v1/events?limit=20", service, null, 200, "invoice.paid");
        System.out.println("scenario: ok, " + requests.get() + " requests, " + errors.get() + " errors");
        report();
        return errors.get() == 0;
    }

    private boolean load(int seconds, int threads) throws Exception {
        Course course = createCourse(createUser("instructor"), 2500, 2);
        long setup = requests.get();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            workers.add(new Thread(() -> {
                while (System.nanoTime() < end) {
                    journey(course);
                }
            }));
        }
        workers.forEach(Thread::start);
        for (Thread worker : workers) {
            worker.join();
        }
        long sent = requests.get() - setup;
        System.out.printf("load: requests=%d errors=%d seconds=%d threads=%d rate=%.0f/s%n",
                requests.get(), errors.get(), seconds, threads, sent / (double) seconds);
        report();
        return errors.get() == 0;
    }

    private boolean drain(String management, double delaySeconds, int threads) throws Exception {
        Course course = createCourse(createUser("instructor"), 990, 1);
        AtomicBoolean stopSending = new AtomicBoolean();
        AtomicLong downNanos = new AtomicLong();
        AtomicLong closedNanos = new AtomicLong();
        AtomicReference<String> readinessBeforeClose = new AtomicReference<>("UP");
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            workers.add(new Thread(() -> {
                while (!stopSending.get()) {
                    journey(course);
                }
            }));
        }
        workers.forEach(Thread::start);
        Thread.sleep(1000);
        long before = requests.get();
        System.out.println("drain: traffic running, send SIGTERM now");
        System.out.flush();
        // Readiness every 100 ms until the management port refuses connections.
        new Thread(() -> {
            while (true) {
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(management + "/q/health/ready"))
                            .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200 && downNanos.get() == 0) {
                        downNanos.set(System.nanoTime());
                        readinessBeforeClose.set(r.statusCode() + " " + r.body().replaceAll("\\s+", ""));
                    }
                } catch (IOException e) {
                    closedNanos.compareAndSet(0, System.nanoTime());
                    return;
                } catch (InterruptedException e) {
                    return;
                }
                sleep(100);
            }
        }).start();
        // Readiness going DOWN marks the SIGTERM (within the 100 ms poll).
        while (downNanos.get() == 0 && closedNanos.get() == 0) {
            Thread.sleep(20);
        }
        long atDown = requests.get();
        if (downNanos.get() == 0) {
            error("readiness never went DOWN: the port closed while it was still UP");
            stopSending.set(true);
        } else {
            // Slow requests: half the body before the delay ends, the rest after it, so the app holds them in
            // flight while it drains.
            List<Thread> slow = new ArrayList<>();
            long firstHalfAt = downNanos.get() + (long) (delaySeconds * 0.6e9);
            long secondHalfAt = downNanos.get() + (long) ((delaySeconds + 2) * 1e9);
            for (int i = 0; i < threads; i++) {
                slow.add(new Thread(() -> slowCreate(firstHalfAt, secondHalfAt)));
            }
            slow.forEach(Thread::start);
            sleepUntil(downNanos.get() + 2_000_000_000L);
            stopSending.set(true);
            drainedAfterDown.set(requests.get() - atDown);
            for (Thread worker : workers) {
                worker.join();
            }
            for (Thread t : slow) {
                t.join();
            }
        }
        for (Thread worker : workers) {
            worker.join();
        }
        while (closedNanos.get() == 0) {
            Thread.sleep(50);
        }
        System.out.printf("drain: readiness DOWN (%s); %d requests after the first DOWN answer and before the cut-off"
                + " 2 s later, %d slow requests answered after the %.0f s delay; port closed %.1f s after DOWN;"
                + " requests=%d errors=%d%n",
                readinessBeforeClose.get(), drainedAfterDown.get(), slowAnswered.get(), delaySeconds,
                downNanos.get() == 0 ? Double.NaN : (closedNanos.get() - downNanos.get()) / 1e9, requests.get(),
                errors.get());
        if (slowAnswered.get() != threads) {
            error(threads - slowAnswered.get() + " slow request(s) in flight during the drain got no 201");
        }
        if (requests.get() - before == 0) {
            error("no requests were sent during the shutdown");
        }
        report();
        return errors.get() == 0;
    }

    /** POST /api/v1/users over a raw connection, its body in two halves at the given times; counts a 201. */
    private void slowCreate(long firstHalfAt, long secondHalfAt) {
        String body = "{\"email\":\"slow-" + UUID.randomUUID() + "@container-check.example\",\"displayName\":\"Slow\","
                + "\"role\":\"student\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        URI uri = URI.create(base);
        requests.incrementAndGet();
        sleepUntil(firstHalfAt);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
            socket.setSoTimeout(40_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/users HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                    + "Authorization: Bearer " + admin + "\r\nContent-Type: application/json\r\nAccept: application/json\r\n"
                    + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes, 0, bytes.length / 2);
            out.flush();
            sleepUntil(secondHalfAt);
            out.write(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder status = new StringBuilder();
            int c;
            while ((c = in.read()) != -1 && c != '\r') {
                status.append((char) c);
            }
            if (status.toString().startsWith("HTTP/1.1 201")) {
                slowAnswered.incrementAndGet();
            } else {
                error("slow POST /api/v1/users in flight during the drain: '" + status + "'");
            }
        } catch (IOException e) {
            error("slow POST /api/v1/users in flight during the drain: " + e);
        }
    }

    /** One student: created, enrolled in the paid course, invoice paid, a lesson completed, with reads between. */
    private void journey(Course course) {
        try {
            String student = createUser("student");
            expect("GET", "/api/v1/courses?limit=20&status=published", null, null, 200);
            expect("GET", "/api/v1/courses/" + course.id, null, null, 200);
            String enrollment = enroll(student, course);
            expect("GET", "/api/v1/courses/" + course.id + "/lessons", null, null, 200);
            expect("PUT", "/api/v1/enrollments/" + enrollment + "/lessons/" + course.lessons.get(0) + "/completion",
                    service, null, 200);
            expect("GET", "/api/v1/enrollments/" + enrollment + "/progress", service, null, 200);
            expect("GET", "/api/v1/enrollments?userId=" + student, admin, null, 200);
            expect("GET", "/api/v1/users/" + student + "/billing", admin, null, 200);
        } catch (Failed e) {
            // counted in errors; the next journey starts afresh
        }
    }

    private String createUser(String role) throws Failed {
        String body = "{\"email\":\"" + role + "-" + UUID.randomUUID() + "@container-check.example\","
                + "\"displayName\":\"Container Check\",\"role\":\"" + role + "\"}";
        return find(ID, expect("POST", "/api/v1/users", admin, body, 201));
    }

    private Course createCourse(String instructor, long price, int lessons) throws Failed {
        String slug = "container-check-" + UUID.randomUUID();
        String id = find(ID, expect("POST", "/api/v1/courses", admin, "{\"slug\":\"" + slug + "\",\"title\":\"Containers\","
                + "\"description\":\"Made by .ci/container-check\",\"instructorId\":\"" + instructor + "\","
                + "\"price\":{\"amount\":" + price + ",\"currency\":\"EUR\"}}", 201));
        List<String> lessonIds = new ArrayList<>();
        for (int i = 1; i <= lessons; i++) {
            lessonIds.add(find(ID, expect("POST", "/api/v1/courses/" + id + "/lessons", admin, "{\"title\":\"Lesson " + i
                    + "\",\"body\":\"# Lesson " + i + "\",\"durationMinutes\":10,\"published\":true}", 201)));
        }
        expect("POST", "/api/v1/courses/" + id + "/publish", admin, null, 200, "\"status\":\"published\"");
        return new Course(id, lessonIds, price);
    }

    /** Enrolls the student (service token, Idempotency-Key) and pays the invoice it opened; the enrollment's id. */
    private String enroll(String student, Course course) throws Failed {
        String created = expect("POST", "/api/v1/enrollments", service,
                "{\"userId\":\"" + student + "\",\"courseId\":\"" + course.id + "\"}", 201, "\"status\":\"pending_payment\"");
        String invoice = find(INVOICE_ID, created);
        expect("POST", "/api/v1/invoices/" + invoice + "/pay", service, "{\"paymentReference\":\"pay-" + UUID.randomUUID()
                + "\",\"amount\":{\"amount\":" + course.price + ",\"currency\":\"EUR\"}}", 200, "\"status\":\"paid\"");
        return find(ID, created);
    }

    /** Sends one request; the body when the status is the expected one and the body holds every fragment. */
    private String expect(String method, String path, String token, String body, int status, String... fragments)
            throws Failed {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (path.equals("/api/v1/enrollments") || path.endsWith("/pay")) {
            request.header("Idempotency-Key", UUID.randomUUID().toString());
        }
        requests.incrementAndGet();
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw error(method + " " + path + ": connection refused");
        } catch (IOException e) {
            throw error(method + " " + path + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw error(method + " " + path + ": interrupted");
        }
        if (response.statusCode() != status) {
            throw error(method + " " + path + ": " + response.statusCode() + " instead of " + status + ": "
                    + response.body().substring(0, Math.min(300, response.body().length())));
        }
        for (String fragment : fragments) {
            if (!response.body().contains(fragment)) {
                throw error(method + " " + path + ": no " + fragment + " in " + response.body());
            }
        }
        return response.body();
    }

    private String find(Pattern pattern, String body) throws Failed {
        Matcher m = pattern.matcher(body);
        if (!m.find()) {
            throw error("no " + pattern + " in " + body);
        }
        return m.group(1);
    }

    /** Marks that a request failed; thrown to end the journey it belonged to. */
    private static final class Failed extends Exception {
    }

    private Failed error(String message) {
        errors.incrementAndGet();
        synchronized (firstErrors) {
            if (firstErrors.size() < 10) {
                firstErrors.add(message);
            }
        }
        return new Failed();
    }

    private void report() {
        synchronized (firstErrors) {
            firstErrors.forEach(e -> System.out.println("  error: " + e));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleepUntil(long nanos) {
        long left = nanos - System.nanoTime();
        if (left > 0) {
            sleep(left / 1_000_000 + 1);
        }
    }
}
