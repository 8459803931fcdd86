package com.redeemupload.api;

/**
 * Error codes of the API's envelope (not the row codes, which are Capillary's and live in the error file).
 * 707 is Capillary's own; the others are this service's, listed in the README.
 */
public final class ErrorCodes {

    public static final int SERIES_INVALID = 707;        // Capillary: "Series ID invalid"
    public static final int UNAUTHORIZED = 1401;
    public static final int BAD_REQUEST = 1400;          // a form field or JSON body that cannot be used
    public static final int NOT_FOUND = 1404;
    public static final int TIMEOUT = 1408;              // a request body that stopped arriving
    public static final int TOO_LARGE = 1413;
    public static final int NOT_MULTIPART = 1415;
    public static final int NOT_JSON = 1416;
    public static final int INTERNAL = 1500;

    private ErrorCodes() {
    }
}
