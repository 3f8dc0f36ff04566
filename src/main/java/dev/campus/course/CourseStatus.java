package dev.campus.course;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.campus.shared.ApiEnum;

/** Lifecycle of a course: draft -> published -> archived. */
@Schema(type = SchemaType.STRING)
public enum CourseStatus implements ApiEnum {
    DRAFT, PUBLISHED, ARCHIVED
}
