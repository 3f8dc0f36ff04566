package dev.campus.user;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * Text without invisible characters: no control, format (e.g. U+200B zero width space, U+200E left-to-right mark),
 * private-use, unassigned or surrogate code points and no separators (Unicode general categories C and Z). For
 * identifiers people compare by eye, such as an email address, where such a character makes a look-alike of another
 * user's; null is allowed.
 */
@Documented
@Constraint(validatedBy = VisibleCharacters.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface VisibleCharacters {
    String message() default "must not contain whitespace or invisible characters";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Answers false for a value with a code point of Unicode category C (other) or Z (separator). */
    class Validator implements ConstraintValidator<VisibleCharacters, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || value.codePoints().noneMatch(Validator::isInvisible);
        }

        static boolean isInvisible(int codePoint) {
            return switch (Character.getType(codePoint)) {
                case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.UNASSIGNED, Character.SURROGATE,
                        Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
                default -> false;
            };
        }
    }
}
