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
 * Settles the contested rows of {@code earlier} (code null: whether earlier rows of the file were accepted decides
 * them) in one pass over it in file order, counting the accepted rows per coupon and customer, per coupon and per
 * customer as it goes; their codes go to {@code contested_verdicts (line, code)}, a temp table of the transaction.
 * <p>
 * One pass keeps a file linear however its rows are concentrated: deciding each contested row by counting its
 * earlier rows in SQL costs as many rows as came before it, and a customer with 500,000 rows under a limit of
 * 250,000 made that 60 billion. {@code earlier} holds every row of a coupon that comes back and of a customer
 * over the limit, so each row's earlier rows that can matter are all in it.
 */
final class ContestedRows {

    private static final int FETCH_SIZE = 10_000;
    private static final int COPY_BUFFER = 1 << 16;

    private ContestedRows() {
    }

    /** On {@code c}, in its open transaction, after {@code earlier} was made and analysed. */
    static void decide(Connection c, Series s) throws SQLException {
        boolean rule11 = !s.sameUserMultipleRedeem();
        int couponLimit = s.redemptionPerCouponMaxLimit();
        int userLimit = s.maxRedemptionsInSeriesPerUser();
        try (Statement st = c.createStatement()) {
            st.execute("create temp table contested_verdicts (line bigint, code integer) on commit drop");
            try (ResultSet any = st.executeQuery("select exists (select from earlier where code is null)")) {
                any.next();
                if (!any.getBoolean(1)) {
                    return;   // nearly every file: each row's bounds agreed
                }
            }
        }
        KeyCounts pairs = new KeyCounts();
        KeyCounts coupons = new KeyCounts();
        KeyCounts users = new KeyCounts();
        // COPY cannot start while the rows are still being fetched: the verdicts wait here (a dozen bytes a row)
        ByteArrayOutputStream verdicts = new ByteArrayOutputStream(COPY_BUFFER);
        try (Statement st = c.createStatement()) {
            st.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = st.executeQuery("select line, coupon_id, user_id, pair_stored, coupon_stored, user_stored, code "
                    + "from earlier order by line")) {
                while (rs.next()) {
                    long coupon = rs.getLong(2);
                    long user = rs.getLong(3);
                    int code = rs.getInt(7);
                    if (rs.wasNull()) {
                        code = rule11 && rs.getLong(4) + pairs.get(coupon, user) > 0 ? 716
                                : couponLimit != -1 && rs.getLong(5) + coupons.get(coupon, 0) >= couponLimit ? 711
                                : userLimit != -1 && rs.getLong(6) + users.get(user, 0) >= userLimit ? 736
                                : 0;
                        verdicts.writeBytes((rs.getLong(1) + "\t" + code + "\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    if (code == 0) {
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
        }
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy contested_verdicts from stdin",
                    new ByteArrayInputStream(verdicts.toByteArray()), COPY_BUFFER);
        } catch (IOException e) {
            throw new SQLException("could not write the contested rows' verdicts: " + e.getMessage(), e);
        }
        try (Statement st = c.createStatement()) {
            st.execute("analyze contested_verdicts");   // refuse() joins it to the whole file
        }
    }
}
