package com.redeemupload;

import com.redeemupload.support.Http;
import com.redeemupload.support.ServiceProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, finding 2: an OutOfMemoryError anywhere ends the process (exit status 3), never leaving it half-alive;
 * the same start command then brings it back on its data. The service runs in a child JVM with three test routes
 * that run out of memory (child-routes/out-of-memory.camel.yaml).
 */
class OutOfMemoryTest {

    private static final Map<String, String> WITH_TEST_ROUTES = Map.of("camel.main.routes-include-pattern",
            "file:routes/*.camel.yaml,file:src/test/resources/child-routes/*.camel.yaml");

    private final List<ServiceProcess> services = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (ServiceProcess service : services) {
            service.close();
        }
    }

    @Test
    void aHeapExhaustedInARouteEndsTheProcessAndTheSameStartBringsItBack(@TempDir Path work) throws Exception {
        // started with the options the README's start command gets from .mvn/jvm.config
        List<String> jvmConfig = Arrays.stream(Files.readString(Path.of(".mvn/jvm.config")).split("\\s+"))
                .filter(s -> !s.isBlank()).toList();
        assertThat(jvmConfig).contains("-XX:+ExitOnOutOfMemoryError");
        ServiceProcess service = start(work, jvmConfig);
        Http api = service.api();
        long series = api.postJson(service.url("/coupon/api/v1/series"), "{\"name\": \"before the crash\"}")
                .result().get("couponSeriesId").asLong();

        askFor(service, "/test/oom/heap");
        assertEnded(service);

        ServiceProcess again = start(work, jvmConfig);
        Http.Response kept = again.api().get(again.url("/coupon/api/v1/series/" + series));
        assertThat(kept.status()).isEqualTo(200);
        assertThat(kept.result().get("name").asText()).isEqualTo("before the crash");
    }

    @Test
    void anOutOfMemoryErrorThatARouteCaughtEndsTheProcess(@TempDir Path work) throws Exception {
        ServiceProcess service = start(work, List.of());   // no JVM flag: the error is code's, the route catches it
        askFor(service, "/test/oom/thrown");
        assertEnded(service);
    }

    @Test
    void aThreadDeadOfOutOfMemoryEndsTheProcess(@TempDir Path work) throws Exception {
        ServiceProcess service = start(work, List.of());
        askFor(service, "/test/oom/thread");
        assertEnded(service);
    }

    private ServiceProcess start(Path work, List<String> jvmOptions) throws Exception {
        ServiceProcess service = ServiceProcess.start(work, jvmOptions, WITH_TEST_ROUTES);
        services.add(service);
        return service;
    }

    private static void askFor(ServiceProcess service, String path) {
        try {
            new Http(null).get(service.url(path));
        } catch (RuntimeException e) {
            // the connection ends with the process: the answer does not matter, the process does
        }
    }

    private static void assertEnded(ServiceProcess service) throws InterruptedException {
        assertThat(service.process().waitFor(30, TimeUnit.SECONDS)).as("the process ended; its log:\n" + service.log()).isTrue();
        assertThat(service.process().exitValue()).as(service.log()).isEqualTo(3);
        assertThat(service.log()).contains("OutOfMemoryError");
    }
}
