package com.redeemupload.registry;

/** A registry call whose body cannot be used as it is; answered 400 with this message. */
public class RegistryRequestException extends RuntimeException {

    public RegistryRequestException(String message) {
        super(message);
    }
}
