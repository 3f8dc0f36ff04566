package dev.campus.user;

import static dev.campus.support.Api.api;
import static dev.campus.support.Api.apiWithInvalidRequest;
import static dev.campus.support.Fixtures.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.campus.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class UserResourceTest {

    static final String USERS = "/api/v1/users";
    static final String DEFAULT_NAME = "Grace Hopper";
    static final String UPDATED_NAME = "Rear Admiral Grace Hopper";

    static Map<String, Object> userWith(String email) {
        Map<String, Object> user = new HashMap<>();
        user.put("email", email);
        user.put("displayName", DEFAULT_NAME);
        user.put("role", "student");
        user.put("bio", "Wrote the first compiler.");
        user.put("timeZone", "America/New_York");
        return user;
    }

    @Test
    void createAnswers201WithLocationETagAndTheStoredUser() {
        String email = unique("grace") + "@example.com";
        String id = api().body(userWith(email)).post(USERS)
                .then().statusCode(201)
                .header("Location", containsString(USERS + "/"))
                .header("ETag", "\"0\"")
                .body("email", equalTo(email))
                .body("displayName", equalTo(DEFAULT_NAME))
                .body("role", equalTo("student"))
                .body("timeZone", equalTo("America/New_York"))
                .body("createdAt", notNullValue())
                .extract().path("id");

        api().get(USERS + "/{id}", id).then().statusCode(200).body("email", equalTo(email)).header("ETag", "\"0\"");
    }

    @Test
    void duplicateEmailInAnotherLetterCaseIsAConflict() {
        String email = unique("Case") + "@Example.com";
        api().body(userWith(email)).post(USERS).then().statusCode(201);

        api().body(userWith(email.toUpperCase())).post(USERS)
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("already exists"));
        api().body(userWith(email.toLowerCase())).post(USERS).then().statusCode(409);
    }

    @Test
    void changingTheEmailToAnotherUsersEmailIsAConflict() {
        String taken = unique("taken") + "@example.com";
        api().body(userWith(taken)).post(USERS).then().statusCode(201);
        String id = api().body(userWith(unique("other") + "@example.com")).post(USERS).then().extract().path("id");

        api().body(userWith(taken.toUpperCase())).put(USERS + "/{id}", id).then().statusCode(409);
    }

    @Test
    void putReplacesAllFieldsAndBumpsTheVersion() {
        String id = api().body(userWith(unique("put") + "@example.com")).post(USERS).then().extract().path("id");
        Map<String, Object> replacement = userWith(unique("put2") + "@example.com");
        replacement.put("displayName", UPDATED_NAME);
        replacement.remove("bio");
        replacement.remove("timeZone");

        api().header("If-Match", "\"0\"").body(replacement).put(USERS + "/{id}", id)
                .then().statusCode(200).header("ETag", "\"1\"")
                .body("displayName", equalTo(UPDATED_NAME)).body("bio", nullValue()).body("timeZone", nullValue());
    }

    @Test
    void mergePatchChangesOnlyTheGivenFieldsAndNullRemovesOptionalOnes() {
        String email = unique("patch") + "@example.com";
        String id = api().body(userWith(email)).post(USERS).then().extract().path("id");
        Map<String, Object> patch = new HashMap<>();
        patch.put("displayName", UPDATED_NAME);
        patch.put("bio", null);

        api().contentType("application/merge-patch+json").body(patch).patch(USERS + "/{id}", id)
                .then().statusCode(200)
                .body("displayName", equalTo(UPDATED_NAME)).body("bio", nullValue())
                .body("email", equalTo(email)).body("timeZone", equalTo("America/New_York"));
    }

    @Test
    void mergePatchThatBreaksValidationIs400AndChangesNothing() {
        String id = Fixtures.user("student");
        Map<String, Object> patch = new HashMap<>();
        patch.put("role", null);
        patch.put("email", "not-an-email");

        apiWithInvalidRequest().contentType("application/merge-patch+json").body(patch).patch(USERS + "/{id}", id)
                .then().statusCode(400)
                .body("violations.field", contains("email", "role"));
        api().get(USERS + "/{id}", id).then().body("role", equalTo("student")).header("ETag", "\"0\"");
    }

    @Test
    void anEmailWithAnInvisibleCharacterIs400AndChangesNothing() {
        String id = Fixtures.user("student");
        String email = api().get(USERS + "/{id}", id).then().extract().path("email");
        // zero width space, left-to-right mark, soft hyphen, no-break space: look-alikes of another address
        for (String invisible : List.of("\u200B", "\u200E", "\u00AD", "\u00A0")) {
            String lookAlike = "someone@example.com" + invisible;
            apiWithInvalidRequest().contentType("application/json; charset=UTF-8").body(Map.of("email", lookAlike, "displayName", "Look Alike", "role", "student")).post(USERS)
                    .then().statusCode(400).body("violations.field", hasItem("email")).body("violations.field", everyItem(equalTo("email")));
            // charset named: REST-assured would send a media type it does not know as ISO-8859-1, turning the character into '?'
            apiWithInvalidRequest().contentType("application/merge-patch+json; charset=UTF-8").body(Map.of("email", lookAlike)).patch(USERS + "/{id}", id)
                    .then().statusCode(400).body("violations.field", hasItem("email")).body("violations.field", everyItem(equalTo("email")));
        }
        api().get(USERS + "/{id}", id).then().body("email", equalTo(email)).header("ETag", "\"0\"");
    }

    @Test
    void deleteAnswers204AndTheUserIsGone() {
        String id = Fixtures.user("student");
        api().header("If-Match", "\"0\"").delete(USERS + "/{id}", id).then().statusCode(204);
        api().get(USERS + "/{id}", id).then().statusCode(404);
    }

    @Test
    void aUserWhoInstructsCoursesCannotBeDeleted() {
        String instructor = Fixtures.instructor();
        Fixtures.course(instructor);

        api().delete(USERS + "/{id}", instructor).then().statusCode(409).body("detail", containsString("instructs courses"));
        api().get(USERS + "/{id}", instructor).then().statusCode(200);
    }

    @Test
    void anInstructorOfCoursesKeepsTheInstructorRole() {
        String instructor = Fixtures.instructor();
        Fixtures.course(instructor);

        api().contentType("application/merge-patch+json").body(Map.of("role", "student")).patch(USERS + "/{id}", instructor)
                .then().statusCode(409);
        api().get(USERS + "/{id}", instructor).then().body("role", equalTo("instructor"));
    }

    @Test
    void listFiltersByRoleEmailAndText() {
        String marker = unique("zebra");
        String email = marker + "@example.com";
        Map<String, Object> user = userWith(email);
        user.put("role", "admin");
        api().body(user).post(USERS).then().statusCode(201);

        api().queryParam("email", email.toUpperCase()).get(USERS)
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].email", equalTo(email));
        api().queryParam("q", marker.toUpperCase()).queryParam("role", "admin").get(USERS)
                .then().statusCode(200).body("items.email", contains(email));
        api().queryParam("q", marker).queryParam("role", "student").get(USERS)
                .then().statusCode(200).body("items", hasSize(0)).body("nextCursor", nullValue());
        api().queryParam("role", "admin").queryParam("limit", 100).get(USERS)
                .then().statusCode(200).body("items.role", everyItem(equalTo("admin"))).body("items.email", hasItem(email));
    }

    @Test
    void textSearchTreatsWildcardsLiterally() {
        api().queryParam("q", "%").get(USERS).then().statusCode(200).body("items", hasSize(0));
        api().queryParam("q", "_").get(USERS).then().statusCode(200).body("items", hasSize(0));
    }
}
