package com.redeemupload.pipeline;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One of rules 1 to 5 on a whole {@link RedemptionRow}; its group ({@link RowRule}) says which. One class-level
 * constraint per rule, rather than one per field: Hibernate Validator builds a property path for every property
 * constraint it evaluates, which was most of the time spent checking a valid row. The violation's message is the
 * row's own account of what is wrong.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Repeatable(RowRuleCheck.List.class)
@Constraint(validatedBy = RowRuleCheck.Validator.class)
public @interface RowRuleCheck {

    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @interface List {
        RowRuleCheck[] value();
    }

    final class Validator implements ConstraintValidator<RowRuleCheck, RedemptionRow> {

        private Class<?> rule;

        @Override
        public void initialize(RowRuleCheck check) {
            if (check.groups().length != 1) {
                throw new IllegalArgumentException("a RowRuleCheck names exactly one rule (a RowRule group)");
            }
            rule = check.groups()[0];
        }

        @Override
        public boolean isValid(RedemptionRow row, ConstraintValidatorContext context) {
            String problem = row.problemWith(rule);
            if (problem == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(escape(problem)).addConstraintViolation();
            return false;
        }

        /** The message is text, not a template: a brace or backslash in a row's value must stay as it is. */
        private static String escape(String text) {
            return text.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
        }
    }
}
