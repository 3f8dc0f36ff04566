package dev.campus.course;

import java.util.HashSet;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

import dev.campus.shared.Caller;
import dev.campus.shared.ETags;
import dev.campus.shared.MergePatch;
import dev.campus.shared.ProblemType;
import dev.campus.shared.Problems;
import dev.campus.shared.paging.ListParams;
import dev.campus.shared.paging.Page;
import io.quarkus.security.Authenticated;

/** The lessons of a course, in order. Every write locks the course row first. */
// Rooted at /api/v1/courses like CourseResource: with a deeper class path, a wrong method on a lessons URL
// answered 404 instead of 405 (quarkusio/quarkus#18542).
@Path("/api/v1/courses")
@Tag(name = "Lessons", description = "The ordered lessons of a course")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class LessonResource {

    @Inject
    MergePatch mergePatch;

    @Inject
    Caller caller;

    @Context
    HttpHeaders headers;

    @PathParam("courseId")
    @Parameter(description = "Course id")
    UUID courseId;

    @POST
    @Path("{courseId}/lessons")
    @Transactional
    @Operation(operationId = "createLesson", summary = "Add a lesson to a course", description = "Appended after the last lesson unless a position is given; later lessons then move down by one.")
    @APIResponseSchema(value = LessonResponse.class, responseCode = "201", responseDescription = "Created; Location names the new lesson")
    @APIResponse(responseCode = "404", description = "No such course")
    public RestResponse<LessonResponse> create(@NotNull @Valid LessonRequest request) {
        Course.requireChangeable(courseId, caller);
        int last = (int) Lesson.countInCourse(courseId);
        int position = request.position() == null ? last + 1 : checkPosition(request.position(), last + 1);
        Lesson.openGapAt(courseId, position);
        Lesson lesson = new Lesson();
        lesson.courseId = courseId;
        lesson.position = position;
        request.applyTo(lesson);
        lesson.persistAndFlush();
        return ETags.created("/api/v1/courses/" + courseId + "/lessons/" + lesson.id, lesson.version, LessonResponse.of(lesson));
    }

    @GET
    @Path("{courseId}/lessons/{lessonId}")
    @PermitAll
    @SecurityRequirementsSet // anonymous callers are welcome: security is optional
    @SecurityRequirementsSet(@SecurityRequirement(name = "bearer"))
    @Operation(operationId = "getLesson", summary = "Get a lesson", description = "A published lesson of a published course is public; drafts are visible to the course's instructor, admins and services.")
    @APIResponseSchema(value = LessonResponse.class, responseCode = "200", responseDescription = "The lesson; ETag holds its version")
    @APIResponse(responseCode = "304", description = "Not modified since the ETag given in If-None-Match")
    @APIResponse(responseCode = "404", description = "No such lesson in this course")
    public RestResponse<LessonResponse> get(@PathParam("lessonId") @Parameter(description = "Lesson id") UUID lessonId) {
        return ETags.read(headers, () -> Lesson.visibleVersion(courseId, lessonId, caller), () -> Lesson.requireVisible(courseId, lessonId, caller),
                LessonResponse::of);
    }

    @GET
    @Path("{courseId}/lessons")
    @PermitAll
    @SecurityRequirementsSet // anonymous callers are welcome: security is optional
    @SecurityRequirementsSet(@SecurityRequirement(name = "bearer"))
    @Operation(operationId = "listLessons", summary = "List a course's lessons in position order", description = "Sort field: position (default). 404 when the course does not exist.")
    public RestResponse<Page<LessonResponse>> list(@BeanParam ListParams page) {
        return page.respond(Lesson.search(caller, courseId, page.request(Lesson.SORTING)).map(LessonResponse::of));
    }

    @PUT
    @Path("{courseId}/lessons/{lessonId}")
    @Transactional
    @Operation(operationId = "replaceLesson", summary = "Replace a lesson", description = "A new position moves the lessons in between by one.")
    @APIResponseSchema(value = LessonResponse.class, responseCode = "200", responseDescription = "The updated lesson")
    @APIResponse(responseCode = "404", description = "No such lesson in this course")
    @APIResponse(responseCode = "409", description = "It is the last published lesson of a published course and would be unpublished",
            content = @Content(examples = { @ExampleObject(name = "last-published-lesson") }))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version")
    public RestResponse<LessonResponse> replace(@PathParam("lessonId") @Parameter(description = "Lesson id") UUID lessonId,
            @NotNull @Valid LessonRequest request) {
        Course course = Course.requireChangeable(courseId, caller);
        return update(course, Lesson.requireInCourse(courseId, lessonId), request);
    }

    @PATCH
    @Path("{courseId}/lessons/{lessonId}")
    @Transactional
    @Consumes(MergePatch.MEDIA_TYPE)
    @Operation(operationId = "patchLesson", summary = "Change some fields of a lesson (JSON merge patch)", description = "JSON merge patch (RFC 7396) of the lesson's fields; a new position moves the lessons in between by one. Honours If-Match.")
    @RequestBody(description = "Fields of LessonRequest to change")
    @APIResponseSchema(value = LessonResponse.class, responseCode = "200", responseDescription = "The updated lesson")
    @APIResponse(responseCode = "404", description = "No such lesson in this course")
    @APIResponse(responseCode = "409", description = "It is the last published lesson of a published course and would be unpublished",
            content = @Content(examples = { @ExampleObject(name = "last-published-lesson") }))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version")
    public RestResponse<LessonResponse> patch(@PathParam("lessonId") @Parameter(description = "Lesson id") UUID lessonId,
            @Schema(type = SchemaType.OBJECT, example = "{\"published\": true}") JsonNode patch) {
        Course course = Course.requireChangeable(courseId, caller);
        Lesson lesson = Lesson.requireInCourse(courseId, lessonId);
        return update(course, lesson, mergePatch.apply(LessonRequest.of(lesson), patch, LessonRequest.class));
    }

    @DELETE
    @Path("{courseId}/lessons/{lessonId}")
    @Transactional
    @Operation(operationId = "deleteLesson", summary = "Delete a lesson", description = "Later lessons move up by one.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such lesson in this course")
    @APIResponse(responseCode = "409", description = "It is the last published lesson of a published course",
            content = @Content(examples = { @ExampleObject(name = "last-published-lesson") }))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version")
    public void delete(@PathParam("lessonId") @Parameter(description = "Lesson id") UUID lessonId) {
        Course course = Course.requireChangeable(courseId, caller);
        Lesson lesson = Lesson.requireInCourse(courseId, lessonId);
        ETags.requirePreconditions(headers, lesson.version);
        refuseToHideLastPublished(course, lesson);
        lesson.delete();
        Lesson.flush();
        Lesson.closeGapAt(courseId, lesson.position);
    }

    @POST
    @Path("{courseId}/lessons/reorder")
    @Transactional
    @Operation(operationId = "reorderLessons", summary = "Reorder all lessons of a course in one step", description = "Takes every lesson id of the course exactly once; positions become 1..n in that order.")
    @APIResponseSchema(value = LessonOrder.class, responseCode = "200", responseDescription = "The new order")
    @APIResponse(responseCode = "404", description = "No such course")
    public LessonOrder reorder(@NotNull @Valid LessonOrder order) {
        Course.requireChangeable(courseId, caller);
        var current = Lesson.idsInOrder(courseId);
        var requested = new HashSet<>(order.lessonIds());
        if (requested.size() != order.lessonIds().size()) {
            throw Problems.invalid("body", "lessonIds", "must not name a lesson twice");
        }
        if (!requested.equals(new HashSet<>(current))) {
            throw Problems.invalid("body", "lessonIds", "must name every lesson of the course exactly once (it has " + current.size() + ")");
        }
        Lesson.reorder(courseId, order.lessonIds());
        return new LessonOrder(Lesson.idsInOrder(courseId));
    }

    private RestResponse<LessonResponse> update(Course course, Lesson lesson, LessonRequest request) {
        ETags.requirePreconditions(headers, lesson.version);
        if (!Boolean.TRUE.equals(request.published())) {
            refuseToHideLastPublished(course, lesson);
        }
        Integer target = request.position() == null ? null : checkPosition(request.position(), (int) Lesson.countInCourse(courseId));
        request.applyTo(lesson);
        if (target != null) {
            lesson.moveTo(target);
        }
        Lesson.flush();
        return ETags.withTag(RestResponse.Status.OK, lesson.version, LessonResponse.of(lesson));
    }

    /** A published course keeps at least one published lesson: publishing required one. */
    private static void refuseToHideLastPublished(Course course, Lesson lesson) {
        if (course.isPublished() && lesson.published && Lesson.countPublished(course.id) == 1) {
            throw Problems.of(ProblemType.LAST_PUBLISHED_LESSON, "This is the only published lesson of a published course; archive the course first");
        }
    }

    private static int checkPosition(int position, int max) {
        if (position > max) {
            throw Problems.invalid("body", "position", "must be between 1 and " + max);
        }
        return position;
    }
}
