package dev.campus.support;

import static dev.campus.support.Api.api;

import java.util.Map;
import java.util.UUID;

/** Creates the users, courses and lessons a test needs, through the API, with names no other test uses. */
public final class Fixtures {

    /** Well-formed, but no resource has it. */
    public static final String UNKNOWN_ID = "0190b4a2-7d1e-7c3a-9f1b-2b6f0c1d2e3f";

    private Fixtures() {
    }

    /** An enrollment as created: its id and, for a paid course, its open invoice (null for a free one). */
    public record Enrollment(String user, String id, String invoice) {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String user(String role) {
        return api().body(Map.of("email", unique(role) + "@example.com", "displayName", "Test " + role, "role", role))
                .post("/api/v1/users").then().statusCode(201).extract().path("id");
    }

    public static String instructor() {
        return user("instructor");
    }

    public static String course(String instructorId) {
        return course(instructorId, unique("Course"), 4900);
    }

    public static String course(String instructorId, String title, long priceAmount) {
        return api().body(Map.of("slug", unique("course").toLowerCase(), "title", title, "instructorId", instructorId,
                "price", Map.of("amount", priceAmount, "currency", "EUR")))
                .post("/api/v1/courses").then().statusCode(201).extract().path("id");
    }

    public static String lesson(String courseId, String title, boolean published) {
        return api().body(Map.of("title", title, "durationMinutes", 10, "published", published))
                .post("/api/v1/courses/{courseId}/lessons", courseId).then().statusCode(201).extract().path("id");
    }

    /** A published course with one published lesson. */
    public static String publishedCourse(String instructorId) {
        return publishedCourse(instructorId, 4900, null);
    }

    /** A published course with one published lesson, at this price (EUR cents) and seat capacity (null: unlimited). */
    public static String publishedCourse(String instructorId, long priceAmount, Integer seatCapacity) {
        Map<String, Object> course = new java.util.HashMap<>(Map.of("slug", unique("course").toLowerCase(), "title", unique("Course"),
                "instructorId", instructorId, "price", Map.of("amount", priceAmount, "currency", "EUR")));
        course.put("seatCapacity", seatCapacity);
        String id = api().body(course).post("/api/v1/courses").then().statusCode(201).extract().path("id");
        lesson(id, "Welcome", true);
        api().post("/api/v1/courses/{id}/publish", id).then().statusCode(200);
        return id;
    }

    /** Enrolls the user in the course (201), as an admin. */
    public static Enrollment enroll(String userId, String courseId) {
        var created = api().body(Map.of("userId", userId, "courseId", courseId)).post("/api/v1/enrollments").then().statusCode(201).extract();
        return new Enrollment(userId, created.path("id"), created.path("invoiceId"));
    }

    /** A new student enrolled in a new published course of a new instructor at this price: pending payment, invoice open. */
    public static Enrollment enrolledInPaidCourse(long priceAmount) {
        return enroll(user("student"), publishedCourse(instructor(), priceAmount, null));
    }

    /** A payment body for {@code POST /invoices/{id}/pay}: this amount in EUR cents, under a reference no other test uses. */
    public static Map<String, Object> payment(long amount) {
        return Map.of("paymentReference", unique("psp"), "amount", Map.of("amount", amount, "currency", "EUR"));
    }
}
