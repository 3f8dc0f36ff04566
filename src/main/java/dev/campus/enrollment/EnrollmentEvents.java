package dev.campus.enrollment;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import io.quarkus.arc.Unremovable;

import dev.campus.shared.events.Change;
import dev.campus.shared.events.ResourceEvents;

/**
 * enrollment.created (then enrollment.activated too when a free course enrolls straight to active),
 * enrollment.activated, enrollment.completed, enrollment.cancelled; data: the Enrollment representation.
 */
@Singleton
@Unremovable
public class EnrollmentEvents implements ResourceEvents<Enrollment> {

    @Override
    public Class<Enrollment> entityType() {
        return Enrollment.class;
    }

    @Override
    public List<String> types() {
        return List.of("enrollment.created", "enrollment.activated", "enrollment.completed", "enrollment.cancelled");
    }

    @Override
    public String subject(Enrollment enrollment) {
        return "/api/v1/enrollments/" + enrollment.id;
    }

    @Override
    public Object data(Enrollment enrollment) {
        return EnrollmentResponse.of(enrollment);
    }

    @Override
    public List<String> typesOf(Change<Enrollment> change) {
        List<String> types = new ArrayList<>();
        if (change.created()) {
            types.add("enrollment.created");
        }
        if (change.deleted() || !change.created() && !change.changed("status")) {
            return types;
        }
        switch (change.entity().status) {
            case ACTIVE -> types.add("enrollment.activated");
            case COMPLETED -> types.add("enrollment.completed");
            case CANCELLED -> types.add("enrollment.cancelled");
            default -> {
            }
        }
        return types;
    }
}
