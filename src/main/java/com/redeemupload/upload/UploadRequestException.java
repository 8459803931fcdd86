package com.redeemupload.upload;

/** An upload's fields or file cannot become a job; answered with 400 and the field named. */
public class UploadRequestException extends RuntimeException {

    private final String field;

    public UploadRequestException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
