package com.redeemupload.registry;

/** A coupon series and its redemption rules (field names as in Capillary's coupon series). */
public record Series(
        long seriesId,
        long orgId,
        String name,
        boolean anyUser,
        boolean sameUserMultipleRedeem,
        int redemptionPerCouponMaxLimit,
        int maxRedemptionsInSeriesPerUser,
        Long validTill) {
}
