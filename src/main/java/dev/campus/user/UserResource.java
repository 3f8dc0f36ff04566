package dev.campus.user;

import java.util.UUID;

import jakarta.enterprise.inject.Instance;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;

import dev.campus.shared.Caller;
import dev.campus.shared.ETags;
import dev.campus.shared.MergePatch;
import dev.campus.shared.Problems;
import dev.campus.shared.paging.ListParams;
import dev.campus.shared.paging.Page;
import io.quarkus.security.Authenticated;

/** User profiles. */
@Path("/api/v1/users")
@Tag(name = "Users", description = "Profiles of students, instructors and admins")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Authenticated
public class UserResource {

    @Inject
    MergePatch mergePatch;

    @Inject
    Caller caller;

    /** What other features require of a role change (course: instructors of courses stay instructors). */
    @Inject
    Instance<RoleChangeRule> roleChangeRules;

    @Context
    HttpHeaders headers;

    @POST
    @Transactional
    @Operation(operationId = "createUser", summary = "Create a user", description = "Creates a user profile. Emails are unique whatever their letter case (409 when taken).")
    @APIResponseSchema(value = UserResponse.class, responseCode = "201", responseDescription = "Created; Location names the new user")
    @APIResponse(responseCode = "409", description = "A user with this email exists (in any letter case)",
            content = @Content(examples = { @ExampleObject(name = "email-taken") }))
    public RestResponse<UserResponse> create(@NotNull @Valid UserRequest request) {
        caller.requirePrivileged("create users");
        User user = new User();
        request.applyTo(user);
        user.persistAndFlush();
        return ETags.created("/api/v1/users/" + user.id, user.version, UserResponse.of(user));
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getUser", summary = "Get a user", description = "A user profile. ETag holds the version.")
    @APIResponseSchema(value = UserResponse.class, responseCode = "200", responseDescription = "The user; ETag holds its version")
    @APIResponse(responseCode = "304", description = "Not modified since the ETag given in If-None-Match")
    @APIResponse(responseCode = "404", description = "No such user")
    public RestResponse<UserResponse> get(@PathParam("id") @Parameter(description = "User id") UUID id) {
        return ETags.read(headers, () -> User.visibleVersion(id, caller), () -> User.requireVisible(id, caller), UserResponse::of);
    }

    @GET
    @Operation(operationId = "listUsers", summary = "List users", description = "Sort fields: createdAt (default), name.")
    public RestResponse<Page<UserResponse>> list(
            @QueryParam("role") @Parameter(description = "Only users with this role") Role role,
            @QueryParam("email") @Parameter(description = "Only the user with this email (letter case ignored)", example = "ada.lovelace@example.com") String email,
            @QueryParam("q") @Parameter(description = "Text contained in the display name or email (letter case ignored)", example = "ada") String q,
            @BeanParam ListParams page) {
        Page<User> users = User.search(caller, role, email, q, page.request(User.SORTING));
        return page.respond(users.map(UserResponse::of));
    }

    @PUT
    @Path("{id}")
    @Transactional
    @Operation(operationId = "replaceUser", summary = "Replace a user", description = "Replaces every field of the profile. Users may not change their own role. Honours If-Match.")
    @APIResponseSchema(value = UserResponse.class, responseCode = "200", responseDescription = "The updated user")
    @APIResponse(responseCode = "404", description = "No such user")
    @APIResponse(responseCode = "409", description = "The email belongs to another user, or an instructor of courses would lose the instructor role",
            content = @Content(examples = { @ExampleObject(name = "email-taken"), @ExampleObject(name = "instructor-has-courses") }))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version")
    public RestResponse<UserResponse> replace(@PathParam("id") @Parameter(description = "User id") UUID id,
            @NotNull @Valid UserRequest request) {
        return update(User.requireChangeable(id, caller), request);
    }

    @PATCH
    @Path("{id}")
    @Transactional
    @Consumes(MergePatch.MEDIA_TYPE)
    @Operation(operationId = "patchUser", summary = "Change some fields of a user (JSON merge patch)", description = "JSON merge patch (RFC 7396) of the profile; null removes an optional field. Users may not change their own role. Honours If-Match.")
    @RequestBody(description = "Fields of UserRequest to change; null removes an optional field")
    @APIResponseSchema(value = UserResponse.class, responseCode = "200", responseDescription = "The updated user")
    @APIResponse(responseCode = "404", description = "No such user")
    @APIResponse(responseCode = "409", description = "The email belongs to another user, or an instructor of courses would lose the instructor role",
            content = @Content(examples = { @ExampleObject(name = "email-taken"), @ExampleObject(name = "instructor-has-courses") }))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version")
    public RestResponse<UserResponse> patch(@PathParam("id") @Parameter(description = "User id") UUID id,
            @Schema(type = SchemaType.OBJECT, example = "{\"displayName\": \"Ada King\"}") JsonNode patch) {
        User user = User.requireChangeable(id, caller);
        return update(user, mergePatch.apply(UserRequest.of(user), patch, UserRequest.class));
    }

    @DELETE
    @Path("{id}")
    @Transactional
    @Operation(operationId = "deleteUser", summary = "Delete a user", description = "Deletes a user who instructs no course and has no enrollments or invoices (409 otherwise). Honours If-Match.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such user")
    @APIResponse(responseCode = "409", description = "The user still instructs courses, or has enrollments or invoices",
            content = @Content(examples = { @ExampleObject(name = "resource-in-use") }))
    @APIResponse(responseCode = "412", description = "If-Match does not name the current version")
    public void delete(@PathParam("id") @Parameter(description = "User id") UUID id) {
        User user = User.requireVisible(id, caller);
        if (!caller.isPrivileged()) {
            throw Problems.forbidden("Only admins and services may delete users");
        }
        ETags.requirePreconditions(headers, user.version);
        user.delete();
        User.flush();
    }

    private RestResponse<UserResponse> update(User user, UserRequest request) {
        ETags.requirePreconditions(headers, user.version);
        if (!caller.isPrivileged() && request.role() != user.role) {
            throw Problems.forbidden("Users cannot change their own role");
        }
        if (request.role() != user.role) {
            roleChangeRules.forEach(rule -> rule.check(user.id, user.role, request.role()));
        }
        request.applyTo(user);
        User.flush();
        return ETags.withTag(RestResponse.Status.OK, user.version, UserResponse.of(user));
    }
}
