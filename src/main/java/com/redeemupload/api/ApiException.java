package com.redeemupload.api;

/** A refusal the API answers with an HTTP status, an error code and a message a person can act on. */
public class ApiException extends RuntimeException {

    private final int status;
    private final int code;

    public ApiException(int status, int code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public int code() {
        return code;
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, ErrorCodes.NOT_FOUND, what + " does not exist");
    }
}
