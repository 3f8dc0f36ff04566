package dev.campus.event;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.campus.billing.InvoiceEvents;
import dev.campus.billing.PaymentEvents;
import dev.campus.course.CourseEvents;
import dev.campus.enrollment.EnrollmentEvents;
import dev.campus.enrollment.LessonCompletionEvents;
import dev.campus.course.LessonEvents;
import dev.campus.shared.events.ResourceEvents;
import dev.campus.user.UserEvents;

/** Every event type Campus emits, with the name of its data's schema in the OpenAPI document. */
public final class EventCatalog {

    /** Emitted when the delivery worker gives up on an endpoint (dev.campus.webhook). */
    public static final String WEBHOOK_ENDPOINT_DISABLED = "webhook_endpoint.disabled";

    private static final Map<String, String> SCHEMAS = new LinkedHashMap<>();

    static {
        add(new UserEvents(), "User");
        add(new CourseEvents(), "Course");
        add(new LessonEvents(), "Lesson");
        add(new EnrollmentEvents(), "Enrollment");
        add(new LessonCompletionEvents(), "LessonCompletion");
        add(new InvoiceEvents(), "Invoice");
        add(new PaymentEvents(), "Payment");
        SCHEMAS.put(WEBHOOK_ENDPOINT_DISABLED, "WebhookEndpoint");
    }

    private EventCatalog() {
    }

    private static void add(ResourceEvents<?> events, String schema) {
        events.types().forEach(type -> SCHEMAS.put(type, schema));
    }

    /** Every type, grouped by resource. */
    public static List<String> types() {
        return List.copyOf(SCHEMAS.keySet());
    }

    /** Type to the schema name of its data. */
    public static Map<String, String> schemas() {
        return SCHEMAS;
    }

    /** Whether a type filter names a type ("invoice.paid") or a prefix of some ("invoice.*", "invoice."). */
    public static boolean isTypeOrPrefix(String filter) {
        if (SCHEMAS.containsKey(filter)) {
            return true;
        }
        String prefix = prefixOf(filter);
        return prefix != null && SCHEMAS.keySet().stream().anyMatch(type -> type.startsWith(prefix));
    }

    /** "invoice." for "invoice.*"; null for an exact type. */
    public static String prefixOf(String filter) {
        return filter.endsWith(".*") ? filter.substring(0, filter.length() - 1) : null;
    }
}
