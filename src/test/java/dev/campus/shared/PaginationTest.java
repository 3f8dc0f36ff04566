package dev.campus.shared;

import static dev.campus.support.Api.api;
import static dev.campus.support.Api.apiWithInvalidRequest;
import static dev.campus.support.Fixtures.unique;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.campus.shared.paging.Keyset;
import dev.campus.shared.paging.Page;
import dev.campus.support.Contract.Operation;
import dev.campus.support.Contract;
import dev.campus.support.Fixtures;
import dev.campus.support.Samples;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Keyset pagination walks a list exactly once, in the requested order (the sort value, then the id in the same
 * direction), whether the client follows nextCursor or the Link rel="next" header; and a page costs the same few
 * SQL statements however large it is. Each walk runs over data created for it (a fresh instructor's courses, users
 * with a unique marker, one course's lessons), so other tests' rows never interfere.
 *
 * <p>Every list of the served OpenAPI document (an operation answering a page, {items, nextCursor}) also gets the
 * paging checks: the bounds of limit, every documented sort, cursors of another sort or another list refused,
 * cursors carrying values the database cannot compare refused, Link rel="next" followed through two pages, and
 * the statements per page. A new list is checked the day it appears.
 */
@QuarkusTest
class PaginationTest {

    static final String USERS = "/api/v1/users";
    static final String COURSES = "/api/v1/courses";
    static final String LESSONS = "/api/v1/courses/{courseId}/lessons";
    static final int PAGE_SIZE = 4;
    static final int COURSE_COUNT = 25;
    static final int USER_COUNT = 13;
    static final int MAX_STATEMENTS_PER_PAGE = 2;
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>;\\s*rel=\"next\"");

    /** Titles and names that sort alike in every collation (one capitalised word each) and repeat: ties. */
    static final List<String> TITLES = List.of("Databases", "Algorithms", "Compilers", "Databases", "Economics", "Algorithms");
    static final List<Long> PRICES = List.of(4900L, 0L, 1500L, 4900L, 0L, 9900L, 1500L);
    static final List<String> NAMES = List.of("Grace", "Ada", "Linus", "Ada", "Barbara", "Grace", "Edsger");

    /** PostgreSQL orders uuids byte-wise unsigned, which is the order of their canonical lowercase text. */
    static final Comparator<Map<String, Object>> BY_ID = Comparator.comparing(row -> (String) row.get("id"));

    @Inject
    SessionFactory sessionFactory;

    static Samples samples;
    static String instructorId;
    static List<Map<String, Object>> courses;
    static String userMarker;
    static List<Map<String, Object>> users;

    @BeforeEach
    void createTheListsOnce() {
        if (samples == null) {
            samples = Samples.create();
        }
        if (courses == null) {
            instructorId = Fixtures.instructor();
            List<Map<String, Object>> created = new ArrayList<>();
            for (int i = 0; i < COURSE_COUNT; i++) {
                created.add(map(api().body(Map.of("slug", unique("page").toLowerCase(), "title", TITLES.get(i % TITLES.size()),
                        "instructorId", instructorId, "price", Map.of("amount", PRICES.get(i % PRICES.size()), "currency", "EUR")))
                        .post(COURSES).then().statusCode(201).extract().asString()));
            }
            courses = created;
        }
        if (users == null) {
            userMarker = unique("pager");
            List<Map<String, Object>> created = new ArrayList<>();
            for (int i = 0; i < USER_COUNT; i++) {
                created.add(map(api().body(Map.of("email", userMarker + "-" + i + "@example.com", "displayName", NAMES.get(i % NAMES.size()),
                        "role", "student"))
                        .post(USERS).then().statusCode(201).extract().asString()));
            }
            users = created;
        }
    }

    // ---- walking every page -------------------------------------------------------------------------------

    /** The order a sort parameter promises: by the value, then by id, both ascending or both descending. */
    static List<String> expectedOrder(List<Map<String, Object>> rows, String sort,
            Map<String, Function<Map<String, Object>, Comparable<Object>>> fields) {
        boolean descending = sort.startsWith("-");
        Function<Map<String, Object>, Comparable<Object>> value = fields.get(descending ? sort.substring(1) : sort);
        Comparator<Map<String, Object>> order = Comparator.comparing(value).thenComparing(BY_ID);
        return rows.stream().sorted(descending ? order.reversed() : order).map(row -> (String) row.get("id")).toList();
    }

    /**
     * Follows nextCursor from the first page to the last, checking on every page that the Link rel="next" URL
     * answers exactly what the cursor does, and that the last page has neither a cursor nor a Link.
     */
    static List<String> walk(String path, Map<String, Object> query, int expectedTotal) {
        List<String> ids = new ArrayList<>();
        Response response = api().queryParams(query).queryParam("limit", PAGE_SIZE).get(path);
        int maxPages = expectedTotal / PAGE_SIZE + 2;
        for (int pages = 1;; pages++) {
            assertThat("more pages than " + expectedTotal + " rows need", pages, lessThanOrEqualTo(maxPages));
            Page page = Page.of(response);
            ids.addAll(page.ids());
            String link = response.header("Link");
            if (page.nextCursor() == null) {
                assertThat("the last page has no Link header", link, nullValue());
                return ids;
            }
            assertThat("a page with a next page is full", page.ids(), hasSize(PAGE_SIZE));
            assertThat("a page with nextCursor has a Link rel=next header", link, notNullValue());
            Matcher next = NEXT_LINK.matcher(link);
            assertThat("Link is <url>; rel=\"next\": " + link, next.find(), equalTo(true));

            Response byCursor = api().queryParams(query).queryParam("limit", PAGE_SIZE).queryParam("cursor", page.nextCursor()).get(path);
            Response byLink = api().urlEncodingEnabled(false).get(next.group(1));
            assertThat("the Link rel=next page (" + next.group(1) + ") equals the nextCursor page", Page.of(byLink), equalTo(Page.of(byCursor)));
            response = byCursor;
        }
    }

    /** The ids on a page and its nextCursor, read with Jackson (REST-assured's GPath is slow). */
    record Page(List<String> ids, String nextCursor) {
        static Page of(Response response) {
            assertThat(response.asString(), response.statusCode(), equalTo(200));
            Map<String, Object> body = map(response.asString());
            List<String> ids = new ArrayList<>();
            for (Object item : (List<?>) body.get("items")) {
                ids.add((String) ((Map<?, ?>) item).get("id"));
            }
            return new Page(ids, (String) body.get("nextCursor"));
        }
    }

    static Map<String, Object> map(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() {
            });
        } catch (IOException e) {
            throw new AssertionError("not a JSON object: " + json, e);
        }
    }

    static void assertWalkedExactlyOnceInOrder(List<String> walked, List<String> expected) {
        assertThat("no row appears twice", new HashSet<>(walked), hasSize(walked.size()));
        assertThat("every row appears, in the sort order with the id as tie-breaker", walked, equalTo(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = { "createdAt", "-createdAt", "title", "-title", "price", "-price" })
    void courseListsWalkEveryCourseExactlyOnceInTheRequestedOrder(String sort) {
        Map<String, Function<Map<String, Object>, Comparable<Object>>> fields = Map.of(
                "createdAt", row -> comparable(Instant.parse((String) row.get("createdAt"))),
                "title", row -> comparable(row.get("title")),
                "price", row -> comparable(((Number) ((Map<?, ?>) row.get("price")).get("amount")).longValue()));
        Map<String, Object> query = new LinkedHashMap<>(Map.of("instructorId", instructorId, "sort", sort));

        List<String> walked = walk(COURSES, query, COURSE_COUNT);

        assertWalkedExactlyOnceInOrder(walked, expectedOrder(courses, sort, fields));
    }

    @ParameterizedTest
    @ValueSource(strings = { "createdAt", "-createdAt", "name", "-name" })
    void userListsWalkEveryUserExactlyOnceInTheRequestedOrder(String sort) {
        Map<String, Function<Map<String, Object>, Comparable<Object>>> fields = Map.of(
                "createdAt", row -> comparable(Instant.parse((String) row.get("createdAt"))),
                "name", row -> comparable(row.get("displayName")));
        Map<String, Object> query = new LinkedHashMap<>(Map.of("q", userMarker, "sort", sort));

        List<String> walked = walk(USERS, query, USER_COUNT);

        assertWalkedExactlyOnceInOrder(walked, expectedOrder(users, sort, fields));
    }

    @Test
    void theDefaultOrderOfUsersAndCoursesIsCreatedAt() {
        Map<String, Function<Map<String, Object>, Comparable<Object>>> fields = Map.of(
                "createdAt", row -> comparable(Instant.parse((String) row.get("createdAt"))));
        assertWalkedExactlyOnceInOrder(walk(COURSES, Map.of("instructorId", instructorId), COURSE_COUNT),
                expectedOrder(courses, "createdAt", fields));
        assertWalkedExactlyOnceInOrder(walk(USERS, Map.of("q", userMarker), USER_COUNT), expectedOrder(users, "createdAt", fields));
    }

    @Test
    void lessonListsWalkEveryLessonExactlyOnceInPositionOrder() {
        String course = Fixtures.course(Fixtures.instructor());
        // Insert at the front and in the middle too, so that position order differs from creation order.
        List<String> byPosition = new ArrayList<>();
        Integer[] insertAt = { null, null, 1, null, 2, 1, null, 4, null, 3 };
        for (int i = 0; i < insertAt.length; i++) {
            Map<String, Object> lesson = new LinkedHashMap<>(Map.of("title", "Lesson " + i, "durationMinutes", 10));
            if (insertAt[i] != null) {
                lesson.put("position", insertAt[i]);
            }
            String id = (String) map(api().body(lesson).post(LESSONS, course).then().statusCode(201).extract().asString()).get("id");
            byPosition.add(insertAt[i] == null ? byPosition.size() : insertAt[i] - 1, id);
        }
        String path = LESSONS.replace("{courseId}", course);

        assertWalkedExactlyOnceInOrder(walk(path, Map.of(), insertAt.length), byPosition);
        assertWalkedExactlyOnceInOrder(walk(path, Map.of("sort", "position"), insertAt.length), byPosition);
        assertWalkedExactlyOnceInOrder(walk(path, Map.of("sort", "-position"), insertAt.length), reversed(byPosition));
        List<Object> positions = new ArrayList<>();
        for (Object item : (List<?>) map(api().queryParam("limit", 100).get(path).then().statusCode(200).extract().asString()).get("items")) {
            positions.add(((Map<?, ?>) item).get("position"));
        }
        assertThat("positions run 1..n without gaps", positions, equalTo(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)));
    }

    static List<String> reversed(List<String> list) {
        List<String> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    static Comparable<Object> comparable(Object value) {
        return (Comparable) value;
    }

    // ---- statements per page ------------------------------------------------------------------------------

    /** SQL statements Hibernate prepared while the service answered one request (the test JVM runs it). */
    long statementsFor(Runnable request) {
        Statistics statistics = sessionFactory.getStatistics();
        assertThat("hibernate statistics are on in the test profile", statistics.isStatisticsEnabled(), equalTo(true));
        statistics.clear();
        request.run();
        return statistics.getPrepareStatementCount();
    }

    void assertPagesCostTheSameFewStatements(String path, Map<String, Object> query) {
        String cursor = Page.of(api().queryParams(query).queryParam("limit", 1).get(path)).nextCursor();
        assertThat("the list has more than one row, so limit=1 and limit=100 differ", cursor, notNullValue());

        long one = statementsFor(() -> api().queryParams(query).queryParam("limit", 1).get(path).then().statusCode(200));
        long hundred = statementsFor(() -> api().queryParams(query).queryParam("limit", 100).get(path).then().statusCode(200));
        long deeper = statementsFor(() -> api().queryParams(query).queryParam("limit", 1).queryParam("cursor", cursor).get(path)
                .then().statusCode(200));

        assertThat("statements for limit=1 vs limit=100 on " + path, hundred, equalTo(one));
        assertThat("statements for a later page vs the first on " + path, deeper, equalTo(one));
        assertThat("statements for one page of " + path + " (counted at all?)", one, greaterThanOrEqualTo(1L));
        assertThat("statements for one page of " + path, one, lessThanOrEqualTo((long) MAX_STATEMENTS_PER_PAGE));
    }

    // ---- every list of the contract --------------------------------------------------------------------------

    static List<Operation> lists() {
        List<Operation> lists = Contract.operations().stream().filter(Operation::isList).toList();
        assertThat("the contract has lists", lists.isEmpty(), equalTo(false));
        return lists;
    }

    @Test
    void everyOperationAnsweringAPageIsAListWithLimitSortAndCursor() {
        List<String> offenders = new ArrayList<>();
        for (Operation operation : Contract.operations()) {
            boolean answersAPage = operation.okSchema() != null && operation.okSchema().path("properties").has("nextCursor");
            for (String parameter : List.of("limit", "sort", "cursor")) {
                if (answersAPage && operation.parameter("query", parameter).isEmpty()) {
                    offenders.add(operation + " answers a page but takes no " + parameter);
                }
            }
            if (operation.isList() && operation.sortFields().isEmpty()) {
                offenders.add(operation + " documents no sort field");
            }
        }
        assertThat(String.join("\n", offenders), offenders, hasSize(0));
    }

    @TestFactory
    Stream<DynamicContainer> everyListPagesAsTheConventionsSay() {
        return lists().stream().map(list -> DynamicContainer.dynamicContainer(list.toString(), Stream.of(
                DynamicTest.dynamicTest("the bounds of limit are accepted", () -> theBoundsOfLimitAreAccepted(list)),
                DynamicTest.dynamicTest("every documented sort is accepted, nothing else", () -> everyDocumentedSortIsAcceptedAndNothingElse(list)),
                DynamicTest.dynamicTest("a cursor of another sort is refused", () -> aCursorOfAnotherSortIsRefused(list)),
                DynamicTest.dynamicTest("a cursor of another list is refused", () -> aCursorOfAnotherListIsRefused(list)),
                DynamicTest.dynamicTest("a cursor the database cannot compare is refused", () -> aCursorCarryingAnUncomparableValueIsRefused(list)),
                DynamicTest.dynamicTest("Link rel=next leads through two pages", () -> linkRelNextLeadsThroughTwoPages(list)),
                DynamicTest.dynamicTest("a page runs the same few statements whatever its size",
                        () -> assertPagesCostTheSameFewStatements(samples.path(list), Map.of())))));
    }

    void theBoundsOfLimitAreAccepted(Operation list) {
        var limit = list.parameter("query", "limit").orElseThrow().schema();
        for (int bound : List.of(limit.path("minimum").asInt(), limit.path("maximum").asInt())) {
            Page page = Page.of(api().queryParam("limit", bound).get(samples.path(list)));
            assertThat(list + " limit=" + bound, page.ids().size(), lessThanOrEqualTo(bound));
            assertThat(list + " limit=" + bound + " on a list of several rows", page.ids().isEmpty(), equalTo(false));
        }
        assertThat("the bounds are 1 and 100, as the conventions say", List.of(limit.path("minimum").asInt(), limit.path("maximum").asInt()),
                equalTo(List.of(1, 100)));
    }

    void everyDocumentedSortIsAcceptedAndNothingElse(Operation list) {
        for (String field : list.sortFields()) {
            for (String sort : List.of(field, "-" + field)) {
                Page.of(api().queryParam("sort", sort).queryParam("limit", 2).get(samples.path(list)));
            }
        }
        assertRefusedCursorOrSort(apiWithInvalidRequest().queryParam("sort", "noSuchField").get(samples.path(list)), "sort", list);
        // only the contract's spelling: no padding, no '+' for ascending
        String field = list.sortFields().get(0);
        for (String sort : List.of(" " + field, field + " ", "+" + field)) {
            assertRefusedCursorOrSort(apiWithInvalidRequest().queryParam("sort", sort).get(samples.path(list)), "sort", list);
        }
        // only ASCII digits for the integer limit: not "+5", not a fullwidth or Arabic-Indic 5
        for (String limit : List.of("+5", "\uFF15", "\u0665", " 5", "05000")) {
            assertRefusedCursorOrSort(apiWithInvalidRequest().queryParam("limit", limit).get(samples.path(list)), "limit", list);
        }
    }

    /** A cursor is good for the order that issued it only. */
    void aCursorOfAnotherSortIsRefused(Operation list) {
        String path = samples.path(list);
        for (String issuedFor : List.of(list.sortFields().get(0), "-" + list.sortFields().get(0))) {
            String cursor = firstCursor(path, Map.of("sort", issuedFor));
            for (String field : list.sortFields()) {
                for (String other : List.of(field, "-" + field)) {
                    if (!other.equals(issuedFor)) {
                        assertRefusedCursorOrSort(apiWithInvalidRequest().queryParam("sort", other).queryParam("cursor", cursor).get(path), "cursor", list);
                    }
                }
            }
            if (!issuedFor.equals(list.sortFields().get(0))) {
                assertRefusedCursorOrSort(apiWithInvalidRequest().queryParam("cursor", cursor).get(path), "cursor", list);
            }
        }
    }

    /** A cursor is good for the list that issued it only, even where both sort by the same attribute. */
    void aCursorOfAnotherListIsRefused(Operation list) {
        for (Operation other : lists()) {
            if (!other.path().equals(list.path())) {
                String cursor = firstCursor(samples.path(other), Map.of());
                assertRefusedCursorOrSort(apiWithInvalidRequest().queryParam("cursor", cursor).get(samples.path(list)), "cursor", list);
            }
        }
    }

    /**
     * A genuine cursor with one part replaced: a row id that is not a canonical UUID, or a sort value the database
     * cannot compare with the column exactly (an instant outside its range, a number outside a bigint, text with
     * NUL or with bytes that are not UTF-8). The cursor is opaque to clients; this test knows its layout (lines
     * of text, the row id and then the sort value last) to forge ones the service did not issue.
     */
    void aCursorCarryingAnUncomparableValueIsRefused(Operation list) {
        String path = samples.path(list);
        List<String> sorts = new ArrayList<>(list.sortFields());
        sorts.add("-" + sorts.get(0));
        for (String sort : sorts) {
            String cursor = firstCursor(path, Map.of("sort", sort));
            List<String> lines = List.of(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", -1));
            String value = lines.get(lines.size() - 1);
            List<byte[]> forged = new ArrayList<>();
            for (String badValue : uncomparable(value)) {
                forged.add(cursor(lines.subList(0, lines.size() - 1), badValue.getBytes(StandardCharsets.UTF_8)));
            }
            forged.add(cursor(lines.subList(0, lines.size() - 1), new byte[] { 'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80 }));
            for (String badId : List.of("not-a-uuid", "1-1-1-1-1", "", "00000000-0000-0000-0000-00000000000g")) {
                List<String> withBadId = new ArrayList<>(lines);
                withBadId.set(lines.size() - 2, badId);
                forged.add(cursor(withBadId.subList(0, lines.size() - 1), value.getBytes(StandardCharsets.UTF_8)));
            }
            forged.add(cursor(lines.subList(1, lines.size() - 1), value.getBytes(StandardCharsets.UTF_8)));
            List<String> otherVersion = new ArrayList<>(lines);
            otherVersion.set(0, lines.get(0) + "x");
            forged.add(cursor(otherVersion.subList(0, lines.size() - 1), value.getBytes(StandardCharsets.UTF_8)));
            for (byte[] bytes : forged) {
                String forgedCursor = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                Response response = apiWithInvalidRequest().queryParam("sort", sort).queryParam("cursor", forgedCursor).get(path);
                assertRefusedCursorOrSort(response, "cursor", list);
            }
            // The extremes of what the column holds are still positions, not errors.
            for (String extreme : comparableExtremes(value)) {
                Response response = api().queryParam("sort", sort)
                        .queryParam("cursor", Base64.getUrlEncoder().withoutPadding().encodeToString(cursor(lines.subList(0, lines.size() - 1),
                                extreme.getBytes(StandardCharsets.UTF_8))))
                        .get(path);
                assertThat(list + " sort=" + sort + " after " + extreme + ": " + response.asString(), response.statusCode(), equalTo(200));
            }
        }
    }

    /** Sort values the database cannot compare with a column of the kind {@code genuine} belongs to. */
    static List<String> uncomparable(String genuine) {
        if (isInstant(genuine)) {
            return List.of("+300000-01-01T00:00:00Z", "-300000-01-01T00:00:00Z", "+10000-01-01T00:00:00Z", "0000-12-31T23:59:59Z",
                    "2025-13-45T99:00:00Z", "yesterday", "2025-01-01", "");
        }
        if (isNumber(genuine)) {
            return List.of("99999999999999999999", "1.5", "1e3", "x", "");
        }
        return List.of("a\u0000b", "\u0000");
    }

    static List<String> comparableExtremes(String genuine) {
        if (isInstant(genuine)) {
            return List.of("0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z");
        }
        if (isNumber(genuine)) {
            return List.of("0", "-1", "2147483647", "9223372036854775807");
        }
        return List.of("", "zzz \ud83d\ude00");
    }

    static boolean isInstant(String value) {
        try {
            Instant.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    static boolean isNumber(String value) {
        try {
            Long.parseLong(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    static byte[] cursor(List<String> lines, byte[] lastLine) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String line : lines) {
            bytes.writeBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        bytes.writeBytes(lastLine);
        return bytes.toByteArray();
    }

    void linkRelNextLeadsThroughTwoPages(Operation list) {
        String path = samples.path(list);
        Response first = api().queryParam("limit", 1).get(path);
        Page firstPage = Page.of(first);
        assertThat(list + ": a list of several rows has a next page", firstPage.nextCursor(), notNullValue());
        Matcher next = NEXT_LINK.matcher(String.valueOf(first.header("Link")));
        assertThat(list + ": Link is <url>; rel=\"next\": " + first.header("Link"), next.find(), equalTo(true));

        Response second = api().urlEncodingEnabled(false).get(next.group(1));
        Page secondPage = Page.of(second);
        assertThat(list + ": the second page continues after the first", secondPage.ids().isEmpty(), equalTo(false));
        assertThat(list + ": the second page repeats nothing of the first", secondPage.ids().get(0), not(in(firstPage.ids())));
        assertThat(list + ": the Link page equals the nextCursor page", secondPage,
                equalTo(Page.of(api().queryParam("limit", 1).queryParam("cursor", firstPage.nextCursor()).get(path))));
    }

    String firstCursor(String path, Map<String, Object> query) {
        String cursor = Page.of(api().queryParams(query).queryParam("limit", 1).get(path)).nextCursor();
        assertThat(path + " " + query + " has a second page", cursor, notNullValue());
        return cursor;
    }

    static void assertRefusedCursorOrSort(Response response, String parameter, Operation list) {
        String exchange = list + " answered " + response.statusCode() + ": " + response.asString();
        assertThat(exchange, response.statusCode(), equalTo(400));
        assertThat(exchange, response.contentType(), containsString("application/problem+json"));
        List<?> violations = (List<?>) map(response.asString()).get("violations");
        assertThat("the violations name the query parameter " + parameter + ": " + exchange,
                violations.stream().anyMatch(violation -> violation instanceof Map<?, ?> named
                        && parameter.equals(named.get("field")) && "query".equals(named.get("in"))),
                equalTo(true));
    }
}
