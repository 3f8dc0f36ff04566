package dev.campus.system;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

import dev.campus.billing.Invoice;
import dev.campus.course.Course;
import dev.campus.course.Lesson;
import dev.campus.enrollment.Enrollment;
import dev.campus.shared.paging.Sorting;
import dev.campus.user.User;
import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Declares each list's `sort` parameter as an enum of the orders the code accepts, read from the same
 * {@link Sorting} the list parses it with, so the contract cannot offer an order the server refuses. It lives
 * in the root package because shared depends on no feature.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class SortOrdersFilter implements OASFilter {

    static final Map<String, Sorting<?>> SORTINGS = Map.of(
            "listUsers", User.SORTING,
            "listCourses", Course.SORTING,
            "listLessons", Lesson.SORTING,
            "listEnrollments", Enrollment.SORTING,
            "listInvoices", Invoice.SORTING,
            "listEvents", dev.campus.event.Event.SORTING,
            "listWebhookEndpoints", dev.campus.webhook.WebhookEndpoint.SORTING,
            "listWebhookDeliveries", dev.campus.webhook.WebhookDelivery.SORTING);

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values().forEach(path -> path.getOperations().values().forEach(operation -> {
            Sorting<?> sorting = SORTINGS.get(operation.getOperationId());
            if (sorting == null || operation.getParameters() == null) {
                return;
            }
            List<String> params = sorting.params();
            operation.getParameters().stream().filter(parameter -> "sort".equals(parameter.getName())).forEach(parameter -> {
                parameter.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .enumeration(List.copyOf(params)).defaultValue(params.get(0)));
            });
        }));
    }
}
