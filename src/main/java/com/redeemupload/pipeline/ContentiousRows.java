package com.redeemupload.pipeline;

import com.redeemupload.registry.Series;
import org.postgresql.PGConnection;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Judges by rules 11 to 13 the rows whose earlier rows in the file can change their fate (those of a coupon that
 * comes back, or of a customer over the limit), in one pass in file order, counting the accepted rows per coupon and
 * customer, per coupon and per customer as it goes. The rows it refuses go to {@link #REFUSED} ({@code line, code}),
 * a temp table of the transaction; a row it accepts passes on the stored counts alone too, which judge it there.
 * <p>
 * One pass keeps a file linear however its rows are concentrated. Counting each row's earlier rows in SQL costs as
 * many rows as came before it: a customer with 50,000 rows under a limit of 25,000 took minutes that way.
 */
final class ContentiousRows {

    /** The rows refused here, with their codes. */
    static final String REFUSED = "contentious_refused";

    private static final int FETCH_SIZE = 10_000;
    private static final int COPY_BUFFER = 1 << 16;

    private ContentiousRows() {
    }

    /**
     * On {@code c}, in its open transaction: {@code rows} selects {@code line, coupon_id, user_id, pair_stored,
     * coupon_stored, user_stored} in file order, with every row of each coupon and customer it names.
     */
    static void judge(Connection c, Series s, String rows) throws SQLException {
        boolean rule11 = !s.sameUserMultipleRedeem();
        int couponLimit = s.redemptionPerCouponMaxLimit();
        int userLimit = s.maxRedemptionsInSeriesPerUser();
        KeyCounts pairs = new KeyCounts();
        KeyCounts coupons = new KeyCounts();
        KeyCounts users = new KeyCounts();
        // COPY cannot start while the rows are still being fetched: the refusals wait here (a dozen bytes each)
        ByteArrayOutputStream refused = new ByteArrayOutputStream(COPY_BUFFER);
        try (Statement st = c.createStatement()) {
            st.execute("create temp table " + REFUSED + " (line bigint, code integer) on commit drop");
            st.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = st.executeQuery(rows)) {
                while (rs.next()) {
                    long coupon = rs.getLong(2);
                    long user = rs.getLong(3);
                    int code = rule11 && rs.getLong(4) + pairs.get(coupon, user) > 0 ? 716
                            : couponLimit != -1 && rs.getLong(5) + coupons.get(coupon, 0) >= couponLimit ? 711
                            : userLimit != -1 && rs.getLong(6) + users.get(user, 0) >= userLimit ? 736
                            : 0;
                    if (code != 0) {
                        refused.writeBytes((rs.getLong(1) + "\t" + code + "\n").getBytes(StandardCharsets.US_ASCII));
                        continue;
                    }
                    if (rule11) {
                        pairs.increment(coupon, user);
                    }
                    if (couponLimit != -1) {
                        coupons.increment(coupon, 0);
                    }
                    if (userLimit != -1) {
                        users.increment(user, 0);
                    }
                }
            }
        }
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + REFUSED + " from stdin",
                    new ByteArrayInputStream(refused.toByteArray()), COPY_BUFFER);
        } catch (IOException e) {
            throw new SQLException("could not write the refusals of rules 11-13: " + e.getMessage(), e);
        }
        try (Statement st = c.createStatement()) {
            st.execute("analyze " + REFUSED);   // the refused table joins it to the whole file
        }
    }
}
