package com.redeemupload.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.redeemupload.api.ApiException;
import com.redeemupload.api.Authenticate;
import com.redeemupload.api.ErrorCodes;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;

import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The registry administration API (contract 2.5): JSON in, JSON out, every call within the caller's org.
 * Shapes are documented in the README; field names follow Capillary's where it has one.
 */
public final class RegistryApi {

    private static final ObjectMapper JSON = new ObjectMapper();

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
        JsonNode json = read(body);
        String name = text(json, "name", "");
        if (name == null || name.isBlank()) {
            throw new RegistryRequestException("name: required, the org's name");
        }
        long orgId = orgs.create(name.trim());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("orgId", orgId);
        result.put("name", name.trim());
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
        JsonNode json = read(body);
        String name = text(json, "name", "");
        if (name == null || name.isBlank()) {
            throw new RegistryRequestException("name: required, the series' name");
        }
        int perCoupon = limit(json, "redemptionPerCouponMaxLimit", 1);
        int perUser = limit(json, "maxRedemptionsInSeriesPerUser", -1);
        return view(series.create(orgId, name.trim(), bool(json, "anyUser"), bool(json, "sameUserMultipleRedeem"),
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
        List<Customers.NewCustomer> batch = items(read(body), "customers", (item, at) -> {
            Customers.NewCustomer c = new Customers.NewCustomer(longValue(item, "userId", at), text(item, "mobile", at),
                    text(item, "email", at), text(item, "externalId", at), text(item, "name", at));
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
        List<Coupons.NewCoupon> batch = items(read(body), "coupons", (item, at) -> {
            String code = text(item, "couponCode", at);
            if (code == null || code.isBlank() || code.length() > 255) {
                throw new RegistryRequestException(at + ".couponCode: required, 1 to 255 characters");
            }
            return new Coupons.NewCoupon(code.trim(), customerRef(item.get("issuedTo"), at + ".issuedTo"),
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
        List<RedemptionHistory.PastRedemption> batch = items(read(body), "redemptions", (item, at) -> {
            String code = text(item, "couponCode", at);
            Long couponId = longValue(item, "couponId", at);
            if (couponId == null && (code == null || code.isBlank())) {
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

    // JSON helpers: every complaint names the item and field, so a caller can fix the batch

    private Series requireSeries(long orgId, String id) throws SQLException {
        return series.find(orgId, parseId(id, "coupon series")).orElseThrow(() ->
                new ApiException(404, ErrorCodes.SERIES_INVALID, "Series ID invalid: the org has no coupon series " + id));
    }

    private <T> List<T> items(JsonNode json, String field, BiFunction<JsonNode, String, T> parse) {
        JsonNode array = json.isArray() ? json : json.get(field);
        if (array == null || !array.isArray()) {
            throw new RegistryRequestException("the body must be a JSON array, or an object with the array in '" + field + "'");
        }
        if (array.size() > maxBatch) {
            throw new RegistryRequestException(field + ": " + array.size() + " items; at most " + maxBatch
                    + " per call (redeem.registry.max-batch), send the rest in more calls");
        }
        List<T> parsed = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            String at = field + "[" + i + "]";
            if (!item.isObject()) {
                throw new RegistryRequestException(at + ": must be a JSON object");
            }
            parsed.add(parse.apply(item, at));
        }
        return parsed;
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

    private static JsonNode read(InputStream body) throws IOException {
        JsonNode json = body == null ? null : JSON.readTree(body);
        if (json == null || json.isMissingNode()) {
            throw new RegistryRequestException("the body is empty; send JSON");
        }
        return json;
    }

    private static String text(JsonNode json, String field, String at) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isValueNode()) {
            throw new RegistryRequestException(prefix(at) + field + ": must be a string");
        }
        String s = v.asText().trim();
        return s.isEmpty() ? null : s;
    }

    private static Long longValue(JsonNode json, String field, String at) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull() || v.isTextual() && v.textValue().isBlank()) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isTextual() && v.textValue().trim().matches("-?[0-9]{1,18}")) {
            return Long.parseLong(v.textValue().trim());
        }
        throw new RegistryRequestException(prefix(at) + field + ": must be a whole number; got " + v);
    }

    private static boolean bool(JsonNode json, String field) {
        JsonNode v = json.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        throw new RegistryRequestException(field + ": must be true or false; got " + v);
    }

    private static int limit(JsonNode json, String field, int defaultValue) {
        Long v = longValue(json, field, "");
        if (v == null) {
            return defaultValue;
        }
        if (v != -1 && (v < 1 || v > Integer.MAX_VALUE)) {
            throw new RegistryRequestException(field + ": must be -1 (unlimited) or a positive whole number; got " + v);
        }
        return v.intValue();
    }

    private static String prefix(String at) {
        return at == null || at.isEmpty() ? "" : at + ".";
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
