package dev.campus.enrollment;

import io.quarkus.security.Authenticated;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import dev.campus.shared.Caller;
import dev.campus.shared.ETags;
import dev.campus.shared.Idempotency;
import dev.campus.shared.ListParams;
import dev.campus.shared.Page;
import dev.campus.shared.Problems;
import dev.campus.shared.QueryParams;

/** Enrollments of users in courses, and their learning progress. */
@Path("/api/v1/enrollments")
@Tag(name = "Enrollments", description = "Users enrolled in courses, and their progress through the lessons")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class EnrollmentResource {

    @Inject
    Enrollments enrollments;

    @Inject
    Idempotency idempotency;

    @Inject
    Caller caller;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uriInfo;


    @POST
    @Transactional
    @Operation(operationId = "createEnrollment", summary = "Enroll a user in a published course",
            description = "A free course enrolls straight to active; a paid course to pending_payment with an open invoice for its price. "
                    + "Seats (when the course has a capacity) count pending and active enrollments.")
    @APIResponseSchema(value = EnrollmentResponse.class, responseCode = "201", responseDescription = "Enrolled; Location names the enrollment")
    @APIResponse(responseCode = "409", description = "The course is not published or is full, or the user already has a live enrollment in it, "
            + "or the course's price is above the maximum (set before prices were bounded)",
            content = @Content(examples = {
                    @ExampleObject(name = "course-full"),
                    @ExampleObject(name = "already-enrolled"),
                    @ExampleObject(name = "course-not-published"),
                    @ExampleObject(name = "price-above-maximum") }))
    @APIResponse(responseCode = "422", description = "Unknown user or course, or an Idempotency-Key reused with another request",
            content = @Content(examples = { @ExampleObject(name = "unknown-reference"), @ExampleObject(name = "idempotency-key-reused") }))
    public RestResponse<EnrollmentResponse> create(
            @HeaderParam(Idempotency.HEADER) @Parameter(description = "Makes retries safe: a repeat with the same key and body answers the first response", example = "2f1c7b9e-enroll-1") String idempotencyKey,
            @NotNull @Valid EnrollmentRequest request) {
        caller.requireAuthenticated();
        if (!caller.mayActFor(request.userId())) {
            throw Caller.forbidden("You can enroll only yourself");
        }
        return idempotency.once(idempotencyKey, uriInfo, request, EnrollmentResponse.class, () -> {
            Enrollment enrollment = enrollments.enroll(request, caller);
            return ETags.created("/api/v1/enrollments/" + enrollment.id, enrollment.version, EnrollmentResponse.of(enrollment));
        });
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getEnrollment", summary = "Get an enrollment", description = "An enrollment with its status, transition times, cancellation reason and invoice id. ETag holds the version.")
    @APIResponseSchema(value = EnrollmentResponse.class, responseCode = "200", responseDescription = "The enrollment; ETag holds its version")
    @APIResponse(responseCode = "304", description = "Not modified since the ETag given in If-None-Match")
    @APIResponse(responseCode = "404", description = "No such enrollment")
    public RestResponse<EnrollmentResponse> get(@PathParam("id") @Parameter(description = "Enrollment id") UUID id) {
        Enrollment enrollment = visible(Enrollment.require(id));
        return ETags.read(headers, enrollment.version, EnrollmentResponse.of(enrollment));
    }

    @GET
    @Operation(operationId = "listEnrollments", summary = "List enrollments", description = "Sort field: enrolledAt (default).")
    public RestResponse<Page<EnrollmentResponse>> list(
            @QueryParam("userId") @Parameter(description = "Only this user's enrollments", schema = @Schema(type = SchemaType.STRING, format = "uuid")) String userId,
            @QueryParam("courseId") @Parameter(description = "Only enrollments in this course", schema = @Schema(type = SchemaType.STRING, format = "uuid")) String courseId,
            @QueryParam("status") @Parameter(description = "Only enrollments in this status", schema = @Schema(type = SchemaType.STRING, enumeration = { "pending_payment", "active", "completed", "cancelled" })) String status,
            @BeanParam ListParams page) {
        caller.requireAuthenticated();
        Page<Enrollment> found = Enrollment.search(caller, QueryParams.uuid("userId", userId), QueryParams.uuid("courseId", courseId),
                QueryParams.enumValue("status", status, EnrollmentStatus.class), page.request(Enrollment.SORTING));
        return page.respond(found.map(EnrollmentResponse::of));
    }

    @POST
    @Path("{id}/cancel")
    @Transactional
    @Operation(operationId = "cancelEnrollment", summary = "Cancel an enrollment", description = "An open invoice is voided with it. A paid enrollment is cancelled by refunding its invoice.")
    @APIResponseSchema(value = EnrollmentResponse.class, responseCode = "200", responseDescription = "The cancelled enrollment")
    @APIResponse(responseCode = "404", description = "No such enrollment")
    @APIResponse(responseCode = "409", description = "Already cancelled, completed, or paid (refund the invoice instead)",
            content = @Content(examples = { @ExampleObject(name = "enrollment-not-cancellable"), @ExampleObject(name = "enrollment-paid") }))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version")
    public RestResponse<EnrollmentResponse> cancel(@PathParam("id") @Parameter(description = "Enrollment id") UUID id) {
        Enrollment enrollment = own(id);
        ETags.requirePreconditions(headers, enrollment.version);
        enrollments.cancel(enrollment);
        return ETags.withTag(RestResponse.Status.OK, enrollment.version, EnrollmentResponse.of(enrollment));
    }

    @PUT
    @Path("{id}/lessons/{lessonId}/completion")
    @Transactional
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "completeLesson", summary = "Mark a lesson complete (idempotent)",
            description = "Only published lessons of the enrollment's course, for an active enrollment. Completing the last published lesson completes the enrollment.")
    @APIResponseSchema(value = ProgressResponse.class, responseCode = "200", responseDescription = "The progress after the change")
    @APIResponse(responseCode = "404", description = "No such enrollment, or no such lesson in its course")
    @APIResponse(responseCode = "409", description = "The enrollment is not active, or the lesson is not published",
            content = @Content(examples = { @ExampleObject(name = "enrollment-not-active"), @ExampleObject(name = "lesson-not-published") }))
    public ProgressResponse completeLesson(@PathParam("id") @Parameter(description = "Enrollment id") UUID id,
            @PathParam("lessonId") @Parameter(description = "Lesson id") UUID lessonId) {
        return enrollments.completeLesson(own(id), lessonId);
    }

    @DELETE
    @Path("{id}/lessons/{lessonId}/completion")
    @Transactional
    @Operation(operationId = "undoLessonCompletion", summary = "Undo a lesson's completion (idempotent)", description = "Removes the completion of a lesson; undoing one that is not there changes nothing. Only for active enrollments.")
    @APIResponseSchema(value = ProgressResponse.class, responseCode = "200", responseDescription = "The progress after the change")
    @APIResponse(responseCode = "404", description = "No such enrollment, or no such lesson in its course")
    @APIResponse(responseCode = "409", description = "The enrollment is not active",
            content = @Content(examples = { @ExampleObject(name = "enrollment-not-active") }))
    public ProgressResponse undoLessonCompletion(@PathParam("id") @Parameter(description = "Enrollment id") UUID id,
            @PathParam("lessonId") @Parameter(description = "Lesson id") UUID lessonId) {
        return enrollments.undoLesson(own(id), lessonId);
    }

    @GET
    @Path("{id}/progress")
    @Operation(operationId = "getProgress", summary = "Get an enrollment's progress", description = "Completed lessons with times, counts and percent complete.")
    @APIResponseSchema(value = ProgressResponse.class, responseCode = "200", responseDescription = "The progress")
    @APIResponse(responseCode = "404", description = "No such enrollment")
    public ProgressResponse progress(@PathParam("id") @Parameter(description = "Enrollment id") UUID id) {
        return enrollments.progress(visible(Enrollment.require(id)));
    }

    /** Its student, the course's instructor, admins and services see an enrollment; others get 404. */
    private Enrollment visible(Enrollment enrollment) {
        caller.requireAuthenticated();
        if (!enrollment.isVisibleTo(caller)) {
            throw Problems.notFound("Enrollment", enrollment.id);
        }
        return enrollment;
    }

    /** The enrollment, locked, if the caller may change it: its student, admins and services. */
    private Enrollment own(UUID id) {
        caller.requireAuthenticated();
        Enrollment enrollment = Enrollment.requireForUpdate(id);
        if (!caller.mayActFor(enrollment.userId)) {
            throw Caller.refused(enrollment.isVisibleTo(caller), "Enrollment", id, "Only the enrolled student, admins and services may change an enrollment");
        }
        return enrollment;
    }
}
