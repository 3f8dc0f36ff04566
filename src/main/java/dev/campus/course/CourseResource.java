package dev.campus.course;

import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
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
import jakarta.ws.rs.QueryParam;
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
import dev.campus.user.User;
import io.quarkus.security.Authenticated;

/** The course catalogue. */
@Path("/api/v1/courses")
@Tag(name = "Courses", description = "The catalogue: courses, their prices, seats and lifecycle (draft -> published -> archived)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class CourseResource {

    @Inject
    MergePatch mergePatch;

    @Inject
    Caller caller;

    @Context
    HttpHeaders headers;

    @POST
    @Transactional
    @Operation(operationId = "createCourse", summary = "Create a draft course", description = "A new course starts as a draft. Its instructor must be a user with the instructor role (422 otherwise); the slug must be unused (409).")
    @APIResponseSchema(value = CourseResponse.class, responseCode = "201", responseDescription = "Created; Location names the new course")
    @APIResponse(responseCode = "409", description = "A course with this slug exists",
            content = @Content(examples = { @ExampleObject(name = "slug-taken") }))
    @APIResponse(responseCode = "422", description = "The instructor is not a user with the instructor role",
            content = @Content(examples = { @ExampleObject(name = "not-an-instructor") }))
    public RestResponse<CourseResponse> create(@NotNull @Valid CourseRequest request) {
        Course.requireMayCreate(request.instructorId(), caller);
        Course course = new Course();
        assign(course, request);
        course.persistAndFlush();
        return ETags.created("/api/v1/courses/" + course.id, course.version, CourseResponse.of(course));
    }

    @GET
    @Path("{id}")
    @PermitAll
    @SecurityRequirementsSet // anonymous callers are welcome: security is optional
    @SecurityRequirementsSet(@SecurityRequirement(name = "bearer"))
    @Operation(operationId = "getCourse", summary = "Get a course by id", description = "Published courses are public; archived ones need a token; drafts are visible to their instructor, admins and services. ETag holds the version.")
    @APIResponseSchema(value = CourseResponse.class, responseCode = "200", responseDescription = "The course; ETag holds its version")
    @APIResponse(responseCode = "304", description = "Not modified since the ETag given in If-None-Match")
    @APIResponse(responseCode = "404", description = "No such course")
    public RestResponse<CourseResponse> get(@PathParam("id") @Parameter(description = "Course id") UUID id) {
        return ETags.read(headers, () -> Course.visibleVersion("id", id, caller), () -> Course.requireVisible(id, caller), CourseResponse::of);
    }

    @GET
    @Path("by-slug/{slug}")
    @PermitAll
    @SecurityRequirementsSet // anonymous callers are welcome: security is optional
    @SecurityRequirementsSet(@SecurityRequirement(name = "bearer"))
    @Operation(operationId = "getCourseBySlug", summary = "Get a course by its slug", description = "The same representation as getCourse, looked up by the course's URL-safe slug. Drafts are visible only to their instructor, admins and services.")
    @APIResponseSchema(value = CourseResponse.class, responseCode = "200", responseDescription = "The course; ETag holds its version")
    @APIResponse(responseCode = "304", description = "Not modified since the ETag given in If-None-Match")
    @APIResponse(responseCode = "404", description = "No course has this slug")
    public RestResponse<CourseResponse> getBySlug(@PathParam("slug") @Parameter(description = "Course slug", example = "intro-to-sql") String slug) {
        return ETags.read(headers, () -> Course.visibleVersion("slug", slug, caller), () -> Course.requireVisibleBySlug(slug, caller),
                CourseResponse::of);
    }

    @GET
    @PermitAll
    @SecurityRequirementsSet // anonymous callers are welcome: security is optional
    @SecurityRequirementsSet(@SecurityRequirement(name = "bearer"))
    @Operation(operationId = "listCourses", summary = "List courses", description = "Sort fields: createdAt (default), title, price.")
    public RestResponse<Page<CourseResponse>> list(
            @QueryParam("status") @Parameter(description = "Only courses in this status") CourseStatus status,
            @QueryParam("instructorId") @Parameter(description = "Only courses taught by this user") UUID instructorId,
            @QueryParam("q") @Parameter(description = "Text contained in the title or description (letter case ignored)", example = "sql") String q,
            @BeanParam ListParams page) {
        Page<Course> courses = Course.search(caller, status, instructorId, q, page.request(Course.SORTING));
        return page.respond(courses.map(CourseResponse::of));
    }

    @PUT
    @Path("{id}")
    @Transactional
    @Operation(operationId = "replaceCourse", summary = "Replace a course's fields (not its status)", description = "Replaces slug, title, description, instructor, price and seat capacity; the status changes only through publish and archive. Honours If-Match.")
    @APIResponseSchema(value = CourseResponse.class, responseCode = "200", responseDescription = "The updated course")
    @APIResponse(responseCode = "404", description = "No such course")
    @APIResponse(responseCode = "409", description = "Another course has this slug",
            content = @Content(examples = { @ExampleObject(name = "slug-taken") }))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version")
    @APIResponse(responseCode = "422", description = "The instructor is not a user with the instructor role",
            content = @Content(examples = { @ExampleObject(name = "not-an-instructor") }))
    public RestResponse<CourseResponse> replace(@PathParam("id") @Parameter(description = "Course id") UUID id,
            @NotNull @Valid CourseRequest request) {
        return update(Course.requireChangeable(id, caller), request);
    }

    @PATCH
    @Path("{id}")
    @Transactional
    @Consumes(MergePatch.MEDIA_TYPE)
    @Operation(operationId = "patchCourse", summary = "Change some fields of a course (JSON merge patch)", description = "JSON merge patch (RFC 7396) of the course's fields (not its status). Honours If-Match.")
    @RequestBody(description = "Fields of CourseRequest to change; null removes an optional field")
    @APIResponseSchema(value = CourseResponse.class, responseCode = "200", responseDescription = "The updated course")
    @APIResponse(responseCode = "404", description = "No such course")
    @APIResponse(responseCode = "409", description = "Another course has this slug",
            content = @Content(examples = { @ExampleObject(name = "slug-taken") }))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version")
    @APIResponse(responseCode = "422", description = "The instructor is not a user with the instructor role",
            content = @Content(examples = { @ExampleObject(name = "not-an-instructor") }))
    public RestResponse<CourseResponse> patch(@PathParam("id") @Parameter(description = "Course id") UUID id,
            @Schema(type = SchemaType.OBJECT, example = "{\"title\": \"SQL from scratch\"}") JsonNode patch) {
        Course course = Course.requireChangeable(id, caller);
        return update(course, mergePatch.apply(CourseRequest.of(course), patch, CourseRequest.class));
    }

    @DELETE
    @Path("{id}")
    @Transactional
    @Operation(operationId = "deleteCourse", summary = "Delete a draft course and its lessons", description = "Only a draft course can be deleted (409 otherwise); its lessons go with it. Honours If-Match.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such course")
    @APIResponse(responseCode = "409", description = "The course is not a draft",
            content = @Content(examples = { @ExampleObject(name = "course-not-draft") }))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version")
    public void delete(@PathParam("id") @Parameter(description = "Course id") UUID id) {
        Course course = Course.requireChangeable(id, caller);
        ETags.requirePreconditions(headers, course.version);
        if (course.status != CourseStatus.DRAFT) {
            throw Problems.of(ProblemType.COURSE_NOT_DRAFT, "Only a draft course can be deleted; this one is " + course.status.apiValue());
        }
        course.delete();
        Course.flush();
    }

    @POST
    @Path("{id}/publish")
    @Transactional
    @Operation(operationId = "publishCourse", summary = "Publish a draft course", description = "Needs at least one published lesson.")
    @APIResponseSchema(value = CourseResponse.class, responseCode = "200", responseDescription = "The published course")
    @APIResponse(responseCode = "404", description = "No such course")
    @APIResponse(responseCode = "409", description = "The course is not a draft, or has no published lesson, or its price is above the maximum (set before prices were bounded)",
            content = @Content(examples = {
                    @ExampleObject(name = "course-not-draft"),
                    @ExampleObject(name = "no-published-lesson"),
                    @ExampleObject(name = "price-above-maximum") }))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version")
    public RestResponse<CourseResponse> publish(@PathParam("id") @Parameter(description = "Course id") UUID id) {
        Course course = Course.requireChangeable(id, caller);
        ETags.requirePreconditions(headers, course.version);
        if (course.status == CourseStatus.DRAFT && Lesson.countPublished(course.id) == 0) {
            throw Problems.of(ProblemType.NO_PUBLISHED_LESSON, "A course needs at least one published lesson to be published");
        }
        course.publish();
        return saved(course);
    }

    @POST
    @Path("{id}/archive")
    @Transactional
    @Operation(operationId = "archiveCourse", summary = "Archive a published course", description = "A published course stops taking enrollments; existing enrollments continue. Honours If-Match.")
    @APIResponseSchema(value = CourseResponse.class, responseCode = "200", responseDescription = "The archived course")
    @APIResponse(responseCode = "404", description = "No such course")
    @APIResponse(responseCode = "409", description = "The course is not published, or its price is above the maximum (set before prices were bounded)",
            content = @Content(examples = { @ExampleObject(name = "course-not-published"), @ExampleObject(name = "price-above-maximum") }))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version")
    public RestResponse<CourseResponse> archive(@PathParam("id") @Parameter(description = "Course id") UUID id) {
        Course course = Course.requireChangeable(id, caller);
        ETags.requirePreconditions(headers, course.version);
        course.archive();
        return saved(course);
    }

    private RestResponse<CourseResponse> update(Course course, CourseRequest request) {
        ETags.requirePreconditions(headers, course.version);
        if (!caller.isPrivileged() && !course.instructorId.equals(request.instructorId())) {
            throw Problems.forbidden("Only admins and services may hand a course to another instructor");
        }
        assign(course, request);
        return saved(course);
    }

    /** The instructor's row is share-locked so that it cannot lose its role or vanish before this commits. */
    private static void assign(Course course, CourseRequest request) {
        User instructor = User.findById(request.instructorId(), LockModeType.PESSIMISTIC_READ);
        if (instructor == null || !instructor.isInstructor()) {
            throw Problems.of(ProblemType.NOT_AN_INSTRUCTOR, "instructorId " + request.instructorId() + " is not a user with the instructor role");
        }
        request.applyTo(course);
    }

    private static RestResponse<CourseResponse> saved(Course course) {
        Course.flush();
        return ETags.withTag(RestResponse.Status.OK, course.version, CourseResponse.of(course));
    }
}
