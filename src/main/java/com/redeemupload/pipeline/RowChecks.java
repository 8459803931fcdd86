package com.redeemupload.pipeline;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.hibernate.validator.engine.HibernateConstraintViolation;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import java.util.Set;

/**
 * Checks rules 1 to 5 on every row of a chunk with Bean Validation ({@link RowRuleCheck}): the violation names
 * the first rule a row breaks, which gives its code. No exception is thrown for a bad row; the validator is made once.
 */
public final class RowChecks {

    private final Validator validator = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator())   // plain messages: no EL needed, and faster
            .buildValidatorFactory().getValidator();

    public RowChunk check(RowChunk chunk) {
        for (int i = 0; i < chunk.size(); i++) {
            Set<ConstraintViolation<RedemptionRow>> violations = validator.validate(chunk.rows().get(i));
            if (!violations.isEmpty()) {
                ConstraintViolation<RedemptionRow> violation = violations.iterator().next();   // one constraint
                RowRule rule = (RowRule) violation.unwrap(HibernateConstraintViolation.class).getDynamicPayload(RowRule.class);
                chunk.refuse(i, rule.code(), violation.getMessage());
            }
        }
        return chunk;
    }
}
