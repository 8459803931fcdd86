package com.redeemupload.registry;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/** All SQL on {@code org} and {@code api_key}. A key is shown once, when made; only its SHA-256 is stored. */
public final class Orgs {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final DataSource dataSource;

    public Orgs(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public long create(String name) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into org (name) values (?) returning org_id")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public boolean exists(long orgId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select 1 from org where org_id = ?")) {
            ps.setLong(1, orgId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public boolean none() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select not exists (select 1 from org)");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /** Makes a new API key for the org and returns it: the only time it is ever seen. */
    public String createApiKey(long orgId) throws SQLException {
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        String key = "rk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("insert into api_key (key_hash, org_id, key_hint) values (?, ?, ?)")) {
            ps.setString(1, hash(key));
            ps.setLong(2, orgId);
            ps.setString(3, key.substring(0, 7));
            ps.executeUpdate();
        }
        return key;
    }

    public Optional<Long> orgOfApiKey(String key) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select org_id from api_key where key_hash = ?")) {
            ps.setString(1, hash(key));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
            }
        }
    }

    private static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
