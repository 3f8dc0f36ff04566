package dev.campus.event;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Documents every event type in the Event schema: its type property is an enum of all types, and its description
 * names the data schema of each, read from {@link EventCatalog}.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class EventTypesFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        Schema event = openAPI.getComponents().getSchemas().get("Event");
        if (event == null || event.getProperties() == null) {
            return;
        }
        Schema type = event.getProperties().get("type");
        if (type != null) {
            type.setEnumeration(List.copyOf(EventCatalog.types()));
        }
        Map<String, List<String>> bySchema = new LinkedHashMap<>();
        EventCatalog.schemas().forEach((name, schema) -> bySchema.computeIfAbsent(schema, key -> new java.util.ArrayList<>()).add(name));
        String table = bySchema.entrySet().stream()
                .map(entry -> "- " + String.join(", ", entry.getValue()) + ": data is " + entry.getKey())
                .collect(Collectors.joining("\n"));
        event.setDescription(event.getDescription() + "\n\nEvery type and the schema of its data:\n\n" + table);
        Schema data = event.getProperties().get("data");
        if (data != null && data.getAnyOf() != null && openAPI.getComponents().getSchemas().containsKey("WebhookEndpoint")) {
            data.addAnyOf(OASFactory.createSchema().ref("#/components/schemas/WebhookEndpoint"));
        }
    }
}
