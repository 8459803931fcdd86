package com.redeemupload.pipeline;

/** The file cannot be read as the CSV the contract describes; the message names the problem and the line. */
public class BadFileException extends RuntimeException {

    public BadFileException(String message) {
        super(message);
    }
}
