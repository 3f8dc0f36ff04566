package dev.campus.event;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.campus.billing.InvoiceResponse;
import dev.campus.billing.PaymentEventData;
import dev.campus.course.CourseResponse;
import dev.campus.enrollment.EnrollmentResponse;
import dev.campus.enrollment.LessonCompletionEventData;
import dev.campus.course.LessonResponse;
import dev.campus.user.UserResponse;

/** An event in the CloudEvents 1.0 structured JSON format. */
@Schema(name = "Event", description = "A domain event in the CloudEvents 1.0 structured JSON format. The schema of data depends on type, as listed below.")
public record EventResponse(
        @Schema(required = true, description = "CloudEvents version", enumeration = { "1.0" }) String specversion,
        @Schema(required = true, description = "Id of the event (UUID v7); the same in the feed and in every webhook delivery (webhook-id): deduplicate on it") UUID id,
        @Schema(required = true, description = "Where the event happened (campus.events.source)", example = "/campus") String source,
        @Schema(required = true, description = "What happened: resource.change, lower-dotted", example = "invoice.paid") String type,
        @Schema(required = true, description = "When the change was committed (ISO-8601, UTC)") Instant time,
        @Schema(required = true, description = "Path of the resource the event is about", example = "/api/v1/invoices/0190b4a2-7d1e-7c3a-9f1b-2b6f0c1d2e3f") String subject,
        @Schema(required = true, description = "Media type of data", enumeration = { "application/json" }) String datacontenttype,
        @Schema(required = true, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT, anyOf = { UserResponse.class, CourseResponse.class, LessonResponse.class, EnrollmentResponse.class,
                LessonCompletionEventData.class, InvoiceResponse.class, PaymentEventData.class }, description = "The resource as the API returned it after the change (before it, for a deletion); its schema depends on type (see Event)")
        Object data) {

    /** The CloudEvents envelope of an event. */
    public static EventResponse of(Event event) {
        return new EventResponse("1.0", event.id, event.source, event.type, event.occurredAt, event.subject, "application/json", event.data);
    }
}
