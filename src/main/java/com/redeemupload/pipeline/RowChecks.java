package com.redeemupload.pipeline;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Null;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import java.util.Comparator;
import java.util.Set;

/** Checks rules 1 to 5 on every row of a chunk with Bean Validation; the first failing rule gives the code. */
public final class RowChecks {

    /**
     * Which of a rule's violations the message tells: an empty field fails both its {@code @NotEmpty} and its
     * {@code @Pattern} (the set of violations has no order), and "is empty" is the one a person can act on.
     */
    private static final Comparator<ConstraintViolation<RedemptionRow>> MOST_TELLING =
            Comparator.<ConstraintViolation<RedemptionRow>, Boolean>comparing(v -> !(v.getConstraintDescriptor().getAnnotation() instanceof NotEmpty))
                    .thenComparing(v -> v.getPropertyPath().toString());

    private final Validator validator = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator())   // plain messages: no EL needed, and faster
            .buildValidatorFactory().getValidator();

    public RowChunk check(RowChunk chunk) {
        for (int i = 0; i < chunk.size(); i++) {
            Set<ConstraintViolation<RedemptionRow>> violations = validator.validate(chunk.rows().get(i), RowRule.InOrder.class);
            if (!violations.isEmpty()) {
                ConstraintViolation<RedemptionRow> first = violations.stream().min(MOST_TELLING).orElseThrow();
                Class<?> group = first.getConstraintDescriptor().getGroups().iterator().next();
                chunk.refuse(i, RowRule.codeOf(group), messageOf(first));
            }
        }
        return chunk;
    }

    private static String messageOf(ConstraintViolation<RedemptionRow> violation) {
        Object value = violation.getInvalidValue();
        if (!(value instanceof String text) || text.isEmpty()) {
            return violation.getMessage();
        }
        if (violation.getConstraintDescriptor().getAnnotation() instanceof Null) {
            return violation.getMessage() + ": " + text;   // the value is the description of what is wrong
        }
        return violation.getMessage() + "; got '" + text + "'";
    }
}
