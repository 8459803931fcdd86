package com.redeemupload.registry;

/**
 * Names one customer of an org by one of its identifiers, as the API's JSON does:
 * {@code {"mobile": "..."}}, {@code {"email": "..."}}, {@code {"externalId": "..."}} or {@code {"userId": 12}}.
 */
public record CustomerRef(String mobile, String email, String externalId, Long userId) {

    public boolean isEmpty() {
        return mobile == null && email == null && externalId == null && userId == null;
    }

    @Override
    public String toString() {
        return userId != null ? "userId " + userId : mobile != null ? "mobile '" + mobile + "'"
                : email != null ? "email '" + email + "'" : "externalId '" + externalId + "'";
    }
}
