package dev.campus.support;

import static dev.campus.support.Api.api;

import java.util.List;
import java.util.Map;

import dev.campus.support.Contract.Operation;

/**
 * One of each resource, so that every path of the contract can be filled with ids that exist: a paid
 * published course with three published lessons, three students enrolled in it (the first has paid: an active
 * enrollment and a paid invoice; the others' enrollments wait for payment, their invoices open). Every list of
 * the contract thus has more than one row. Suites that only send refused requests share one set; the rows must
 * be left as they are.
 */
public record Samples(String user, String instructor, String course, String slug, String lesson, String enrollment,
        String invoice) {

    public static final long PRICE = 4900;

    public static Samples create() {
        String instructor = Fixtures.instructor();
        String course = Fixtures.publishedCourse(instructor, PRICE, null);
        Fixtures.lesson(course, "Second", true);
        Fixtures.lesson(course, "Third", true);
        String slug = api().get("/api/v1/courses/{id}", course).then().statusCode(200).extract().path("slug");
        List<String> lessons = api().get("/api/v1/courses/{id}/lessons", course).then().statusCode(200).extract().path("items.id");
        String[] enrollments = new String[3];
        String[] invoices = new String[3];
        String[] students = new String[3];
        for (int i = 0; i < 3; i++) {
            students[i] = Fixtures.user("student");
            var enrolled = api().body(Map.of("userId", students[i], "courseId", course)).post("/api/v1/enrollments")
                    .then().statusCode(201).extract();
            enrollments[i] = enrolled.path("id");
            invoices[i] = enrolled.path("invoiceId");
        }
        api().body(Map.of("paymentReference", Fixtures.unique("psp"), "amount", Map.of("amount", PRICE, "currency", "EUR")))
                .post("/api/v1/invoices/{id}/pay", invoices[0]).then().statusCode(200);
        return new Samples(students[0], instructor, course, slug, lessons.get(0), enrollments[0], invoices[1]);
    }

    private static String[] webhooks;

    /** An endpoint with delivery attempts, made once. */
    private static synchronized String[] webhooks() {
        if (webhooks == null) {
            WebhookSamples.endpoint();
            webhooks = WebhookSamples.endpointWithDeliveries();
        }
        return webhooks;
    }

    /**
     * The sample for a path parameter, chosen by the collection it follows (/users/{id} is a user); an
     * AssertionError names a parameter no sample fits, so that a new kind of path cannot go untested.
     */
    public String pathValue(Operation operation, String parameter) {
        String[] segments = operation.path().split("/");
        for (int i = 1; i < segments.length; i++) {
            if (segments[i].equals("{" + parameter + "}")) {
                String value = switch (segments[i - 1]) {
                    case "users" -> user;
                    case "courses" -> course;
                    case "by-slug" -> slug;
                    case "lessons" -> lesson;
                    case "enrollments" -> enrollment;
                    case "invoices" -> invoice;
                    case "webhook-endpoints" -> webhooks()[0];
                    case "deliveries" -> webhooks()[1];
                    case "events" -> api().queryParam("subject", "/api/v1/invoices/" + invoice).get("/api/v1/events")
                            .then().statusCode(200).extract().path("items[0].id");
                    default -> null;
                };
                if (value != null) {
                    return value;
                }
            }
        }
        throw new AssertionError("Samples has no resource for path parameter {" + parameter + "} of " + operation
                + ": add one, so that the suites reach this operation");
    }

    /** The operation's path with every parameter filled from the samples, except those given (raw, as sent). */
    public String path(Operation operation, Map<String, String> given) {
        String path = operation.path();
        if (path.startsWith("/api/v1/webhook-endpoints")) {
            webhooks(); // the lists of endpoints and of deliveries then have several rows
        }
        for (var parameter : operation.in("path")) {
            String value = given.containsKey(parameter.name()) ? given.get(parameter.name()) : pathValue(operation, parameter.name());
            path = path.replace("{" + parameter.name() + "}", value);
        }
        return path;
    }

    public String path(Operation operation) {
        return path(operation, Map.of());
    }
}
