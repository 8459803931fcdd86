package com.redeemupload.registry;

/** What a bulk add did: how many items were new, and how many were there already (not an error). */
public record BulkResult(long created, long existing) {
}
