package dev.campus.system;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

import dev.campus.billing.InvoiceStatus;
import dev.campus.course.CourseStatus;
import dev.campus.enrollment.CancellationReason;
import dev.campus.enrollment.EnrollmentStatus;
import dev.campus.shared.ApiEnum;
import dev.campus.user.Role;
import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Writes the values of the API's enum components ({@link ApiEnum}: lower_snake_case of the constant) into the
 * contract, read from the enums themselves, so each value list is written once, in Java, and serves bodies and
 * typed query parameters ({@code status}, {@code role}) alike. (Smallrye reads Jackson's {@code @JsonValue} only
 * on the enum class itself, not on ApiEnum's default method, so it would list the constants' names.)
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ApiEnumSchemas implements OASFilter {

    /** Component schemas of enums, by name. */
    static final Map<String, Class<? extends ApiEnum>> COMPONENTS = Map.of(
            "Role", Role.class,
            "CourseStatus", CourseStatus.class,
            "EnrollmentStatus", EnrollmentStatus.class,
            "CancellationReason", CancellationReason.class,
            "InvoiceStatus", InvoiceStatus.class);

    /** The enums whose values this filter writes. */
    public static List<Class<? extends ApiEnum>> types() {
        return List.copyOf(COMPONENTS.values());
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        // Smallrye also runs BUILD filters over partial models: only the schemas that are there are completed.
        // The committed contract (OpenApiContractTest) fails when a value list goes missing or changes.
        Map<String, Schema> schemas = openAPI.getComponents() == null ? null : openAPI.getComponents().getSchemas();
        if (schemas == null) {
            return;
        }
        COMPONENTS.forEach((name, type) -> {
            Schema schema = schemas.get(name);
            if (schema != null) {
                schema.setEnumeration(Arrays.stream(type.getEnumConstants()).map(constant -> (Object) constant.apiValue()).toList());
            }
        });
    }
}
