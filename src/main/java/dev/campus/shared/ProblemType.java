package dev.campus.shared;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The catalogue of problem types (RFC 9457, 3.1.1): every cause of an error response the service gives has one,
 * with a stable URI clients switch on, and a status and title that are the same on every occurrence. Problems are
 * built from these only ({@link Problems#of}); the "Problem types" table of docs/api.md and the OpenAPI document list
 * them, and ProblemTypesTest keeps all three equal. A new cause gets a new constant; a published one keeps its
 * slug for good.
 */
public enum ProblemType {

    VALIDATION("validation", 400, "Invalid Request",
            "The request is malformed or invalid: bad JSON, wrong JSON types, unknown fields, bad UUIDs, enum values, cursors,"
                    + " sort fields or limits, text the database cannot store (NUL, unpaired surrogates), a malformed"
                    + " percent-encoding, failed validation. `violations` names each offending input."),
    UNAUTHORIZED("unauthorized", 401, "Authentication Required",
            "The operation needs a bearer token and the request has none."),
    INVALID_TOKEN("invalid-token", 401, "Invalid Token",
            "The bearer token is invalid: expired, tampered, for another audience, or not issued by the trusted issuer"
                    + " (a token sent where anonymous callers are welcome is checked too)."),
    FORBIDDEN("forbidden", 403, "Forbidden",
            "The caller's role may not call the operation, or the caller may see the resource but not change it."),
    NOT_FOUND("not-found", 404, "Not Found",
            "Nothing the caller may see has the id (or slug) in the path; also a path the API does not have."),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method Not Allowed",
            "The path does not serve the method; `Allow` lists those it does."),
    NOT_ACCEPTABLE("not-acceptable", 406, "Not Acceptable",
            "The `Accept` header allows no media type the operation produces."),
    CONFLICT("conflict", 409, "Conflict",
            "The write conflicts with the current state of the data in a way no more specific type describes."),
    EMAIL_TAKEN("email-taken", 409, "Email Taken",
            "Another user has this email (emails are compared ignoring letter case)."),
    SLUG_TAKEN("slug-taken", 409, "Slug Taken",
            "Another course has this slug."),
    INSTRUCTOR_HAS_COURSES("instructor-has-courses", 409, "Instructor Has Courses",
            "The user instructs courses, so they keep the instructor role."),
    RESOURCE_IN_USE("resource-in-use", 409, "Resource In Use",
            "A delete of something still referenced: a user who instructs courses or has enrollments or invoices, a course"
                    + " with enrollments."),
    COURSE_NOT_DRAFT("course-not-draft", 409, "Course Not a Draft",
            "Only a draft course can be published or deleted."),
    COURSE_NOT_PUBLISHED("course-not-published", 409, "Course Not Published",
            "The course is a draft or archived: only a published course takes enrollments or can be archived."),
    NO_PUBLISHED_LESSON("no-published-lesson", 409, "No Published Lesson",
            "A course is published only with at least one published lesson."),
    LAST_PUBLISHED_LESSON("last-published-lesson", 409, "Last Published Lesson",
            "The write would unpublish or delete the only published lesson of a published course; archive the course first."),
    PRICE_ABOVE_MAXIMUM("price-above-maximum", 409, "Price Above Maximum",
            "The course's price, set before prices were bounded, is above 10000000000 minor units: the course cannot be"
                    + " enrolled in (invoiced), published or archived until it is repriced."),
    COURSE_FULL("course-full", 409, "Course Full",
            "Every seat of the course is taken by a pending or active enrollment."),
    ALREADY_ENROLLED("already-enrolled", 409, "Already Enrolled",
            "The user already has a live (pending or active) enrollment in the course."),
    ENROLLMENT_NOT_CANCELLABLE("enrollment-not-cancellable", 409, "Enrollment Not Cancellable",
            "The enrollment is already cancelled, or completed."),
    ENROLLMENT_PAID("enrollment-paid", 409, "Enrollment Paid",
            "The enrollment is paid: refund its invoice to cancel it."),
    ENROLLMENT_NOT_ACTIVE("enrollment-not-active", 409, "Enrollment Not Active",
            "Progress is recorded for active enrollments only."),
    LESSON_NOT_PUBLISHED("lesson-not-published", 409, "Lesson Not Published",
            "Only a published lesson can be marked complete."),
    INVOICE_NOT_OPEN("invoice-not-open", 409, "Invoice Not Open",
            "Only an open invoice can be paid or voided; this one is paid, void or refunded."),
    INVOICE_NOT_PAID("invoice-not-paid", 409, "Invoice Not Paid",
            "Only a paid invoice can be refunded."),
    PAYMENT_REFERENCE_USED("payment-reference-used", 409, "Payment Reference Used",
            "Another payment was recorded with this payment reference."),
    TRANSITION_REFUSED("transition-refused", 409, "Status Change Refused",
            "The database refused the status change (its transition rules), e.g. after a concurrent change; read the"
                    + " resource again."),
    PRECONDITION_FAILED("precondition-failed", 412, "Precondition Failed",
            "`If-Match` names a version that is not current, `If-None-Match` names the current one, or another request"
                    + " changed the resource meanwhile; read it again and retry."),
    CONTENT_TOO_LARGE("content-too-large", 413, "Content Too Large",
            "The request body is larger than 64 KiB."),
    URI_TOO_LONG("uri-too-long", 414, "URI Too Long",
            "The request target is longer than 4096 characters."),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported Media Type",
            "The `Content-Type` is not one the operation consumes."),
    UNKNOWN_REFERENCE("unknown-reference", 422, "Unknown Reference",
            "A field of the body names a user or course that does not exist (or that the caller may not see)."),
    NOT_AN_INSTRUCTOR("not-an-instructor", 422, "Not an Instructor",
            "The instructorId names no user with the instructor role."),
    AMOUNT_MISMATCH("amount-mismatch", 422, "Amount Mismatch",
            "The payment amount does not equal the invoice total."),
    AMOUNT_ABOVE_MAXIMUM("amount-above-maximum", 422, "Amount Above Maximum",
            "The payment amount is above 10000000000 minor units (an invoice from before amounts were bounded)."),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", 422, "Idempotency Key Reused",
            "The `Idempotency-Key` was used before with a different request."),
    HEADER_FIELDS_TOO_LARGE("header-fields-too-large", 431, "Request Header Fields Too Large",
            "The request's header fields are larger than 20 KiB in all."),
    INTERNAL("internal", 500, "Internal Server Error",
            "An unexpected error in the service; nothing the client sent causes one. Logged, never explained."),
    DATABASE_UNAVAILABLE("database-unavailable", 503, "Database Unavailable",
            "The database does not answer, is restarting, or lost the connection before the write was committed (nothing"
                    + " changed); retry after `Retry-After` seconds."),
    COMMIT_OUTCOME_UNKNOWN("commit-outcome-unknown", 503, "Commit Outcome Unknown",
            "The database failed while the write was being committed: it may or may not have taken effect. Retry after"
                    + " `Retry-After` seconds with the same `Idempotency-Key` (a write that took effect is replayed), or read"
                    + " the resource before writing again.");

    /** Every type's URI is this followed by its slug. */
    public static final String BASE_URI = "https://campus.dev/problems/";

    /** The type given to a problem that a framework raised with a status only. */
    private static final Map<Integer, ProblemType> BY_STATUS = Map.ofEntries(
            Map.entry(400, VALIDATION), Map.entry(401, UNAUTHORIZED), Map.entry(403, FORBIDDEN), Map.entry(404, NOT_FOUND),
            Map.entry(405, METHOD_NOT_ALLOWED), Map.entry(406, NOT_ACCEPTABLE), Map.entry(409, CONFLICT),
            Map.entry(412, PRECONDITION_FAILED), Map.entry(413, CONTENT_TOO_LARGE), Map.entry(414, URI_TOO_LONG),
            Map.entry(415, UNSUPPORTED_MEDIA_TYPE), Map.entry(431, HEADER_FIELDS_TOO_LARGE), Map.entry(500, INTERNAL),
            Map.entry(503, DATABASE_UNAVAILABLE));

    private static final Map<String, ProblemType> BY_SLUG = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ProblemType::slug, Function.identity()));

    private final String slug;
    private final int status;
    private final String title;
    private final String when;
    private final URI uri;

    ProblemType(String slug, int status, String title, String when) {
        this.slug = slug;
        this.status = status;
        this.title = title;
        this.when = when;
        this.uri = URI.create(BASE_URI + slug);
    }

    public String slug() {
        return slug;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** When a problem of this type happens, for the catalogue's readers. */
    public String when() {
        return when;
    }

    public URI uri() {
        return uri;
    }

    /** The general type of a status, for problems the frameworks raise with nothing but a status. */
    public static Optional<ProblemType> forStatus(int status) {
        return Optional.ofNullable(BY_STATUS.get(status));
    }

    public static Optional<ProblemType> bySlug(String slug) {
        return Optional.ofNullable(BY_SLUG.get(slug));
    }

    public static Optional<ProblemType> byUri(URI uri) {
        String text = uri == null ? "" : uri.toString();
        return text.startsWith(BASE_URI) ? bySlug(text.substring(BASE_URI.length())) : Optional.empty();
    }
}
