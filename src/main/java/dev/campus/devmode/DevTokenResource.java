package dev.campus.devmode;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.campus.shared.Caller;
import dev.campus.user.User;
import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.jwt.build.Jwt;

/**
 * Dev mode only (the class is not even part of a production build): tokens for the demo users, signed with
 * the throw-away dev key, for Swagger UI's Authorize button and for curl. Production trusts only the
 * configured issuer's key, which this key is not.
 */
@IfBuildProfile("dev")
@Path("/dev/tokens")
@Tag(name = "Development", description = "Dev mode only: tokens for the demo users")
@Produces(MediaType.TEXT_PLAIN)
@PermitAll
public class DevTokenResource {

    static final Duration LIFETIME = Duration.ofHours(8);

    @GET
    @Path("{userId}")
    @SecurityRequirementsSet // anonymous callers are welcome: security is optional
    @SecurityRequirementsSet(@SecurityRequirement(name = "bearer"))
    @Operation(operationId = "devTokenForUser", summary = "A bearer token for a user, with their role (dev mode only)")
    public String forUser(@PathParam("userId") @Parameter(description = "User id, e.g. from GET /api/v1/users as an admin") UUID userId) {
        User user = User.require(userId);
        return sign(user.id.toString(), user.role.apiValue());
    }

    @GET
    @Path("service")
    @SecurityRequirementsSet // anonymous callers are welcome: security is optional
    @SecurityRequirementsSet(@SecurityRequirement(name = "bearer"))
    @Operation(operationId = "devTokenForService", summary = "A bearer token with the service role (dev mode only)")
    public String forService() {
        return sign("campus-dev-service", Caller.SERVICE);
    }

    private static String sign(String subject, String role) {
        return Jwt.issuer(DevJwtKeys.ISSUER).audience(DevJwtKeys.AUDIENCE).subject(subject).groups(Set.of(role))
                .expiresIn(LIFETIME).jws().sign(DevJwtKeys.privateKey());
    }
}
