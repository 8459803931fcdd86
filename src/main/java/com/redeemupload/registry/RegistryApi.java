package com.redeemupload.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.redeemupload.api.ApiException;
import com.redeemupload.api.Authenticate;
import com.redeemupload.api.ErrorCodes;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;

import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.redeemupload.registry.JsonFields.MAX_NAME;
import static com.redeemupload.registry.JsonFields.MAX_TEXT;
import static com.redeemupload.registry.JsonFields.bool;
import static com.redeemupload.registry.JsonFields.limit;
import static com.redeemupload.registry.JsonFields.longValue;
import static com.redeemupload.registry.JsonFields.text;

/**
 * The registry administration API (contract 2.5): JSON in, JSON out, every call within the caller's org.
 * Shapes are documented in the README; field names follow Capillary's where it has one.
 */
public final class RegistryApi {

    // the fields each body accepts; any other is refused, named
    private static final JsonShape ORG = JsonShape.of("name");
    private static final JsonShape SERIES = JsonShape.of("name", "anyUser", "sameUserMultipleRedeem",
            "redemptionPerCouponMaxLimit", "maxRedemptionsInSeriesPerUser", "validTill");
    private static final JsonShape CUSTOMER = JsonShape.of("userId", "mobile", "email", "externalId", "name");
    private static final JsonShape CUSTOMER_REF = JsonShape.of("mobile", "email", "externalId", "userId");
    private static final JsonShape COUPON = JsonShape.of("couponCode", "expiresOn").with("issuedTo", CUSTOMER_REF);
    private static final JsonShape REDEMPTION = JsonShape.of("couponCode", "couponId", "redeemedDateInMillis", "redeemedAt",
            "billId", "billNumber", "details").with("customer", CUSTOMER_REF);

    private final Orgs orgs;
    private final SeriesStore series;
    private final Customers customers;
    private final Coupons coupons;
    private final RedemptionHistory history;
    private final int maxBatch;

    public RegistryApi(Orgs orgs, SeriesStore series, Customers customers, Coupons coupons, RedemptionHistory history, int maxBatch) {
        this.orgs = orgs;
        this.series = series;
        this.customers = customers;
        this.coupons = coupons;
        this.history = history;
        this.maxBatch = maxBatch;
    }

    // admin token

    public Map<String, Object> createOrg(@Body InputStream body) throws IOException, SQLException {
        String name = text(JsonBody.object(body, ORG), "name", "", MAX_NAME);
        if (name == null) {
            throw new RegistryRequestException("name: required, the org's name (1 to " + MAX_NAME + " characters)");
        }
        long orgId = orgs.create(name);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("orgId", orgId);
        result.put("name", name);
        result.put("apiKey", orgs.createApiKey(orgId));
        return result;
    }

    public Map<String, Object> createApiKey(@Header("orgId") String orgId) throws SQLException {
        long id = parseId(orgId, "org");
        if (!orgs.exists(id)) {
            throw ApiException.notFound("org " + orgId);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("orgId", id);
        result.put("apiKey", orgs.createApiKey(id));
        return result;
    }

    // org's API key

    public Map<String, Object> createSeries(@ExchangeProperty(Authenticate.ORG_ID) long orgId, @Body InputStream body)
            throws IOException, SQLException {
        ObjectNode json = JsonBody.object(body, SERIES);
        String name = text(json, "name", "", MAX_NAME);
        if (name == null) {
            throw new RegistryRequestException("name: required, the series' name (1 to " + MAX_NAME + " characters)");
        }
        int perCoupon = limit(json, "redemptionPerCouponMaxLimit", 1);
        int perUser = limit(json, "maxRedemptionsInSeriesPerUser", -1);
        return view(series.create(orgId, name, bool(json, "anyUser"), bool(json, "sameUserMultipleRedeem"),
                perCoupon, perUser, longValue(json, "validTill", "")));
    }

    public Map<String, Object> getSeries(@ExchangeProperty(Authenticate.ORG_ID) long orgId, @Header("couponSeriesId") String id)
            throws SQLException {
        return view(requireSeries(orgId, id));
    }

    public List<Map<String, Object>> listSeries(@ExchangeProperty(Authenticate.ORG_ID) long orgId) throws SQLException {
        return series.list(orgId).stream().map(RegistryApi::view).toList();
    }

    public BulkResult addCustomers(@ExchangeProperty(Authenticate.ORG_ID) long orgId, @Body InputStream body)
            throws IOException, SQLException {
        List<Customers.NewCustomer> batch = JsonBody.items(body, "customers", CUSTOMER, maxBatch, (item, at) -> {
            Customers.NewCustomer c = new Customers.NewCustomer(longValue(item, "userId", at), text(item, "mobile", at),
                    text(item, "email", at), text(item, "externalId", at), text(item, "name", at, MAX_NAME));
            if (c.userId() == null && c.mobile() == null && c.email() == null && c.externalId() == null) {
                throw new RegistryRequestException(at + ": give at least one of mobile, email, externalId, userId");
            }
            if (c.mobile() != null && !c.mobile().matches("\\+?[0-9]{8,15}")) {
                throw new RegistryRequestException(at + ".mobile: '" + c.mobile() + "' is not 8 to 15 digits (a leading + allowed)");
            }
            if (c.email() != null && !c.email().matches("[^@\\s,;]+@[^@\\s,;]+\\.[^@\\s,;.]+")) {
                throw new RegistryRequestException(at + ".email: '" + c.email() + "' is not an address");
            }
            if (c.userId() != null && c.userId() <= 0) {
                throw new RegistryRequestException(at + ".userId: must be a positive integer");
            }
            return c;
        });
        return customers.addAll(orgId, batch);
    }

    public BulkResult addCoupons(@ExchangeProperty(Authenticate.ORG_ID) long orgId, @Header("couponSeriesId") String seriesId,
                                 @Body InputStream body) throws IOException, SQLException {
        Series s = requireSeries(orgId, seriesId);
        List<Coupons.NewCoupon> batch = JsonBody.items(body, "coupons", COUPON, maxBatch, (item, at) -> {
            String code = text(item, "couponCode", at);
            if (code == null) {
                throw new RegistryRequestException(at + ".couponCode: required, 1 to " + MAX_TEXT + " characters");
            }
            return new Coupons.NewCoupon(code, customerRef(item.get("issuedTo"), at + ".issuedTo"),
                    longValue(item, "expiresOn", at));
        });
        return coupons.addAll(orgId, s.seriesId(), batch);
    }

    public List<Map<String, Object>> findCoupons(@ExchangeProperty(Authenticate.ORG_ID) long orgId,
                                                 @Header("couponSeriesId") String seriesId, @Header("codes") String codes)
            throws SQLException {
        Series s = requireSeries(orgId, seriesId);
        if (codes == null || codes.isBlank()) {
            throw new RegistryRequestException("codes: required, a comma-separated list of coupon codes");
        }
        return coupons.find(s.seriesId(), Arrays.stream(codes.split(",")).map(String::trim).toList());
    }

    public Map<String, Object> importRedemptions(@ExchangeProperty(Authenticate.ORG_ID) long orgId,
                                                 @Header("couponSeriesId") String seriesId, @Body InputStream body)
            throws IOException, SQLException {
        Series s = requireSeries(orgId, seriesId);
        List<RedemptionHistory.PastRedemption> batch = JsonBody.items(body, "redemptions", REDEMPTION, maxBatch, (item, at) -> {
            String code = text(item, "couponCode", at);
            Long couponId = longValue(item, "couponId", at);
            if (couponId == null && code == null) {
                throw new RegistryRequestException(at + ": give couponCode or couponId");
            }
            CustomerRef customer = customerRef(item.get("customer"), at + ".customer");
            if (customer == null) {
                throw new RegistryRequestException(at + ".customer: required, such as {\"mobile\": \"919800000001\"}");
            }
            Long date = longValue(item, "redeemedDateInMillis", at);
            if (date == null || date <= 0) {
                throw new RegistryRequestException(at + ".redeemedDateInMillis: required, epoch milliseconds");
            }
            return new RedemptionHistory.PastRedemption(code, couponId, customer, date, longValue(item, "redeemedAt", at),
                    text(item, "billId", at), text(item, "billNumber", at), text(item, "details", at));
        });
        return Map.of("imported", history.importAll(orgId, s.seriesId(), batch));
    }

    // every complaint names the item and field, so a caller can fix the batch

    private Series requireSeries(long orgId, String id) throws SQLException {
        return series.find(orgId, parseId(id, "coupon series")).orElseThrow(() ->
                new ApiException(404, ErrorCodes.SERIES_INVALID, "Series ID invalid: the org has no coupon series " + id));
    }

    private static CustomerRef customerRef(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new RegistryRequestException(at + ": must be an object such as {\"mobile\": \"919800000001\"}");
        }
        CustomerRef ref = new CustomerRef(text(node, "mobile", at), text(node, "email", at), text(node, "externalId", at),
                longValue(node, "userId", at));
        return ref.isEmpty() ? null : ref;
    }

    private static long parseId(String value, String what) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            if ("coupon series".equals(what)) {
                throw new ApiException(404, ErrorCodes.SERIES_INVALID, "Series ID invalid: '" + value + "' is not a series id");
            }
            throw ApiException.notFound(what + " '" + value + "'");
        }
    }

    static Map<String, Object> view(Series s) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("couponSeriesId", s.seriesId());
        v.put("orgId", s.orgId());
        v.put("name", s.name());
        v.put("anyUser", s.anyUser());
        v.put("sameUserMultipleRedeem", s.sameUserMultipleRedeem());
        v.put("redemptionPerCouponMaxLimit", s.redemptionPerCouponMaxLimit());
        v.put("maxRedemptionsInSeriesPerUser", s.maxRedemptionsInSeriesPerUser());
        v.put("validTill", s.validTill());
        return v;
    }
}
