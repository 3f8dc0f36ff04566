package dev.campus.support;

import static dev.campus.support.Api.api;

import java.util.Map;
import java.util.UUID;

/** Creates the users, courses and lessons a test needs, through the API, with names no other test uses. */
public final class Fixtures {

    private Fixtures() {
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
}
