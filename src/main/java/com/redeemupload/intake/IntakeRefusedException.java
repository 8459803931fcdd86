package com.redeemupload.intake;

/** A file dropped in a folder that cannot become a job; the message says why, in words for whoever dropped it. */
public class IntakeRefusedException extends RuntimeException {

    public IntakeRefusedException(String message) {
        super(message);
    }
}
