package dev.campus.enrollment;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
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
import dev.campus.shared.paging.ListParams;
import dev.campus.shared.paging.Page;
import io.quarkus.security.Authenticated;

/** Enrollments of users in courses, and their learning progress. */
@Path("/api/v1/enrollments")
@Tag(name = "Enrollments", description = "Users enrolled in courses, and their progress through the lessons")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class EnrollmentResource {

    @Inject
    EnrollmentService enrollments;

    @Inject
    Idempotency idempotency;

    @Inject
    Caller caller;

    @Context
    HttpHeaders headers;


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
    @Parameter(name = Idempotency.HEADER, in = ParameterIn.HEADER, description = "Makes retries safe: a repeat with the same key and body answers the first response",
            schema = @Schema(type = SchemaType.STRING), example = "2f1c7b9e-enroll-1")
    public RestResponse<EnrollmentResponse> create(@NotNull @Valid EnrollmentRequest request) {
        Enrollment.requireMayEnroll(request.userId(), caller);
        return idempotency.once(request, EnrollmentResponse.class, () -> {
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
        return ETags.read(headers, () -> Enrollment.visibleVersion(id, caller), () -> Enrollment.requireVisible(id, caller),
                EnrollmentResponse::of);
    }

    @GET
    @Operation(operationId = "listEnrollments", summary = "List enrollments", description = "Sort field: enrolledAt (default).")
    public RestResponse<Page<EnrollmentResponse>> list(
            @QueryParam("userId") @Parameter(description = "Only this user's enrollments") UUID userId,
            @QueryParam("courseId") @Parameter(description = "Only enrollments in this course") UUID courseId,
            @QueryParam("status") @Parameter(description = "Only enrollments in this status") EnrollmentStatus status,
            @BeanParam ListParams page) {
        Page<Enrollment> found = Enrollment.search(caller, userId, courseId, status, page.request(Enrollment.SORTING));
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
        Enrollment enrollment = Enrollment.requireChangeable(id, caller);
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
        return enrollments.completeLesson(Enrollment.requireChangeable(id, caller), lessonId);
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
        return enrollments.undoLesson(Enrollment.requireChangeable(id, caller), lessonId);
    }

    @GET
    @Path("{id}/progress")
    @Operation(operationId = "getProgress", summary = "Get an enrollment's progress", description = "Completed lessons with times, counts and percent complete.")
    @APIResponseSchema(value = ProgressResponse.class, responseCode = "200", responseDescription = "The progress")
    @APIResponse(responseCode = "404", description = "No such enrollment")
    public ProgressResponse progress(@PathParam("id") @Parameter(description = "Enrollment id") UUID id) {
        return enrollments.progress(Enrollment.requireVisible(id, caller));
    }
}
