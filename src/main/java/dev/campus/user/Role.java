package dev.campus.user;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.campus.shared.ApiEnum;

/** What a user is on the platform. */
@Schema(type = SchemaType.STRING)
public enum Role implements ApiEnum {
    STUDENT, INSTRUCTOR, ADMIN
}
