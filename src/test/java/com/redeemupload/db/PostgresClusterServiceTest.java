package com.redeemupload.db;

import com.redeemupload.support.TestEnvironment;
import org.apache.camel.CamelContext;
import org.apache.camel.cluster.CamelClusterEventListener;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Leadership through the database: of the instances that want a namespace one leads at a time, one that loses its
 * database session stops leading, and when the leader goes another one takes over.
 */
class PostgresClusterServiceTest {

    private static final String NAMESPACE = "cluster-test";

    private final List<CamelContext> instances = new ArrayList<>();

    @BeforeAll
    static void database() {
        TestEnvironment.start();
    }

    @AfterEach
    void stopInstances() {
        instances.forEach(CamelContext::stop);
    }

    @Test
    void oneLeadsAtATimeAndAnotherTakesOverWhenItsSessionEndsOrItStops() throws Exception {
        Instance first = instance();
        await().atMost(Duration.ofSeconds(10)).until(first::leads);
        Instance second = instance();
        Instance third = instance();
        // the others have tried by now: each has its session open, and neither took the lock
        await().atMost(Duration.ofSeconds(10)).until(() -> sessions() == 3);
        assertThat(second.leads() || third.leads()).isFalse();

        // the leader's session ends (the database restarted, the network dropped it): it notices and stops leading
        terminateLeadersSession();
        await().atMost(Duration.ofSeconds(10)).until(() -> first.events.contains(false));
        await().atMost(Duration.ofSeconds(10)).until(() -> leaders(first, second, third) == 1);

        // whoever leads now stops: one of the others takes over
        Instance leader = first.leads() ? first : second.leads() ? second : third;
        leader.context.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> leaders(first, second, third) == 1);
        assertThat(leader.leads()).isFalse();
        assertThat(leader.events).endsWith(false);
    }

    private Instance instance() throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.addService(new PostgresClusterService(
                properties -> DriverManager.getConnection(TestEnvironment.jdbcUrl(), properties), Duration.ofMillis(100)));
        context.start();
        instances.add(context);
        CamelClusterView view = context.hasService(PostgresClusterService.class).getView(NAMESPACE);
        Instance instance = new Instance(context, view);
        view.addEventListener((CamelClusterEventListener.Leadership) (v, leader) -> instance.events.add(view.getLocalMember().isLeader()));
        return instance;
    }

    private static long leaders(Instance... all) {
        return List.of(all).stream().filter(Instance::leads).count();
    }

    private static long sessions() throws Exception {
        try (Connection c = DriverManager.getConnection(TestEnvironment.jdbcUrl());
             PreparedStatement ps = c.prepareStatement("select count(*) from pg_stat_activity where application_name = ?")) {
            ps.setString(1, "redeem-upload leader of " + NAMESPACE);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void terminateLeadersSession() throws Exception {
        try (Connection c = DriverManager.getConnection(TestEnvironment.jdbcUrl());
             PreparedStatement ps = c.prepareStatement("""
                     select pg_terminate_backend(pid) from pg_locks
                     where locktype = 'advisory' and classid = 3 and objid = ? and objsubid = 2 and granted""")) {
            ps.setInt(1, NAMESPACE.hashCode());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("a session holds the lead").isTrue();
                assertThat(rs.getBoolean(1)).isTrue();
            }
        }
    }

    private record Instance(CamelContext context, CamelClusterView view, List<Boolean> events) {
        Instance(CamelContext context, CamelClusterView view) {
            this(context, view, new CopyOnWriteArrayList<>());
        }

        boolean leads() {
            return view.getLocalMember().isLeader();
        }
    }
}
