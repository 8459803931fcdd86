package com.redeemupload;

import com.redeemupload.support.JobResult;
import com.redeemupload.support.RowsFile;
import com.redeemupload.support.ServiceTest;
import com.redeemupload.support.TestOrg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the row-rule tests share: uploading a {@link RowsFile} and checking every row's fate, and registry shortcuts. */
abstract class RowRulesSupport extends ServiceTest {

    JobResult run(TestOrg org, long series, RowsFile f, Map<String, String> fields) {
        JobResult r = JobResult.upload(org, dataSource(), series, f.csv(), fields);
        f.verify(r);
        return r;
    }

    /** A JSON array of customers known by mobile. */
    static String mobiles(String... mobiles) {
        return "[" + String.join(", ", java.util.Arrays.stream(mobiles).map(m -> "{\"mobile\": \"" + m + "\"}").toList()) + "]";
    }

    static String coupon(String code, String issuedToMobile, Long expiresOn) {
        return "{\"couponCode\": \"" + code + "\""
                + (issuedToMobile == null ? "" : ", \"issuedTo\": {\"mobile\": \"" + issuedToMobile + "\"}")
                + (expiresOn == null ? "" : ", \"expiresOn\": " + expiresOn) + "}";
    }

    static String history(String code, String mobile, long date) {
        return "{\"couponCode\": \"" + code + "\", \"customer\": {\"mobile\": \"" + mobile + "\"}, \"redeemedDateInMillis\": "
                + date + ", \"redeemedAt\": 1}";
    }

    static void importRedemptions(TestOrg org, long series, String jsonArray) {
        TestOrg.expectOk(org.api.postJson("/coupon/api/v1/series/" + series + "/redemptions/import", jsonArray));
    }

    long userId(TestOrg org, String column, String value) {
        return single("select org_user_id from customer where org_id = ? and " + column + " = ?", org.orgId, value);
    }

    long couponId(long series, String code) {
        return single("select coupon_id from coupon where series_id = ? and coupon_code = ?", series, code);
    }

    private long single(String sql, long id, String value) {
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            ps.setString(2, value);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as(sql + " " + id + " " + value).isTrue();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
