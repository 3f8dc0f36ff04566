package dev.campus.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;

import dev.campus.shared.ProblemType;

/**
 * The problem types of the catalogue in the contract: each is an example under components/examples (named by its
 * slug), and each error response shows the types it can carry. An operation names the types of its own 409s and
 * 422s on the response, by slug, {@code @APIResponse(responseCode = "409", content = @Content(examples =
 * @ExampleObject(name = "course-full")))}; any other status shows the catalogue's general type of that status.
 * A slug the catalogue does not have, or of another status, fails the build.
 */
final class ProblemExamples {

    static final String EXAMPLES_REF = "#/components/examples/";

    private ProblemExamples() {
    }

    /** Every type of the catalogue as a named example, and the Problem schema's {@code type} listing them all. */
    static void describe(Components components, Schema problem) {
        for (ProblemType type : ProblemType.values()) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("type", type.uri().toString());
            value.put("title", type.title());
            value.put("status", type.status());
            if (type == ProblemType.VALIDATION) {
                value.put("detail", "email: must be a well-formed email address");
                value.put("violations", List.of(new TreeMap<>(Map.of("field", "email", "in", "body", "message", "must be a well-formed email address"))));
            } else {
                value.put("detail", type.when().replace("`", ""));
            }
            components.addExample(type.slug(), OASFactory.createExample().summary(type.status() + " " + type.title())
                    .description(type.when()).value(value));
        }
        StringBuilder listing = new StringBuilder("The cause, a URI clients switch on; one of the catalogue (status, title: when):");
        for (ProblemType type : ProblemType.values()) {
            listing.append("\n- `").append(type.uri()).append("` (").append(type.status()).append(", ").append(type.title())
                    .append("): ").append(type.when());
        }
        problem.getProperties().get("type").description(listing.toString()).example(ProblemType.SLUG_TAKEN.uri().toString());
    }

    /**
     * The problem+json content of an error response of this status, with an example of each type it can carry:
     * those the operation declared on it (in {@code declared}, the content scanned from its annotations), or else the
     * general type of the status.
     */
    static Content content(String code, Content declared, Operation operation, String mediaType, String problemRef) {
        int status = Integer.parseInt(code);
        Set<ProblemType> types = new LinkedHashSet<>();
        if (declared != null && declared.getMediaTypes() != null) {
            for (MediaType media : declared.getMediaTypes().values()) {
                if (media.getExamples() != null) {
                    for (String slug : media.getExamples().keySet()) {
                        ProblemType type = ProblemType.bySlug(slug).orElseThrow(() -> new IllegalStateException(
                                operation.getOperationId() + " " + code + " names " + slug + ", which is not a problem type of the catalogue"));
                        if (type.status() != status) {
                            throw new IllegalStateException(operation.getOperationId() + " " + code + " names " + slug + ", a " + type.status());
                        }
                        types.add(type);
                    }
                }
            }
        }
        if (types.isEmpty()) {
            types.addAll(general(status, operation));
        }
        MediaType media = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(problemRef));
        for (ProblemType type : types) {
            media.addExample(type.slug(), OASFactory.createExample().ref(EXAMPLES_REF + type.slug()));
        }
        return OASFactory.createContent().addMediaType(mediaType, media);
    }

    /** The general type of a status; for 401, both types where a token is needed, only a bad one where it is optional. */
    private static List<ProblemType> general(int status, Operation operation) {
        List<ProblemType> types = new ArrayList<>();
        if (status == 401) {
            boolean optional = operation.getSecurity() != null
                    && operation.getSecurity().stream().anyMatch(requirement -> requirement.getSchemes() == null || requirement.getSchemes().isEmpty());
            if (!optional) {
                types.add(ProblemType.UNAUTHORIZED);
            }
            types.add(ProblemType.INVALID_TOKEN);
        } else {
            ProblemType.forStatus(status).ifPresent(types::add);
        }
        return types;
    }
}
