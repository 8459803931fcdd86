package com.redeemupload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.redeemupload.support.ServiceTest;
import com.redeemupload.support.TestOrg;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Other Camel routes as a way in, the job-ended events, and the route template (contract 5). */
class ChainingTest extends ServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestOrg org;
    private long series;
    private String csv;

    @BeforeEach
    void registry() {
        if (org != null) {
            return;
        }
        org = newOrg();
        series = org.series("\"anyUser\": true, \"redemptionPerCouponMaxLimit\": -1, \"sameUserMultipleRedeem\": true");
        org.customers("[{\"mobile\": \"919800000001\"}]");
        org.coupons(series, "[{\"couponCode\": \"CH1\"}]");
        csv = "mobile,couponCode,redeemedDateInMillis,redeemedAt\n919800000001,CH1," + TestOrg.now() + ",3\n";
    }

    @Test
    void aRouteSubmitsAFileInEveryBodyTypeAndGetsTheJobBack(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("from-route.csv");
        Files.writeString(file, csv);
        ProducerTemplate producer = context.createProducerTemplate();
        Map<String, Object> headers = Map.of("orgId", org.orgId, "couponSeriesId", series, "details", "chained");

        for (Object body : new Object[] {file.toFile(), new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                csv.getBytes(StandardCharsets.UTF_8), csv}) {
            @SuppressWarnings("unchecked")
            Map<String, Object> reply = producer.requestBodyAndHeaders("direct:redeem-upload", body, headers, Map.class);

            assertThat(reply.get("source")).as(body.getClass().getSimpleName()).isEqualTo("ROUTE");
            assertThat(reply.get("uploadRedeemedCouponStatus")).isEqualTo("QUEUED");
            JsonNode job = org.waitForEnd(((Number) reply.get("jobId")).longValue());
            assertThat(job.get("uploadRedeemedCouponStatus").asText()).isEqualTo("COMPLETED");
            assertThat(job.get("totalUploadedCount").asLong()).isEqualTo(1);
            assertThat(job.get("details").asText()).isEqualTo("chained");
        }
    }

    @Test
    void aRouteSubmissionWithoutTheSeriesIsRefused() {
        ProducerTemplate producer = context.createProducerTemplate();

        assertThatThrownBy(() -> producer.requestBodyAndHeaders("direct:redeem-upload", csv, Map.of("orgId", org.orgId)))
                .isInstanceOf(CamelExecutionException.class).hasRootCauseMessage("couponSeriesId: header is required (a number)");
    }

    @Test
    void everyJobThatEndsIsPublishedAsAJsonEvent() throws Exception {
        MockEndpoint events = context.getEndpoint("mock:job-events", MockEndpoint.class);
        long jobId = org.uploadAndWait(series, csv).get("jobId").asLong();

        await().atMost(Duration.ofSeconds(10)).until(() -> events.getExchanges().stream()
                .anyMatch(e -> e.getMessage().getBody(String.class).contains("\"jobId\":" + jobId + ",")));
        JsonNode event = events.getExchanges().stream().map(e -> e.getMessage().getBody(String.class))
                .filter(b -> b.contains("\"jobId\":" + jobId + ",")).map(ChainingTest::json).findFirst().orElseThrow();
        assertThat(event).isEqualTo(org.job(jobId));
    }

    @Test
    void theWorkedExampleWiresAFolderIntoThePipelineFromYamlAlone(@TempDir Path dropFolder) throws Exception {
        String example = Files.readString(Path.of("routes/examples/partner-drop.camel.yaml"))
                .replace("file:/srv/partner-drop?", "file:" + dropFolder + "?")
                .replace("routeId: partner-drop", "routeId: partner-drop-test")
                .replace("value: \"1\"\n      - name: couponSeriesId\n        value: \"1\"",
                        "value: \"" + org.orgId + "\"\n      - name: couponSeriesId\n        value: \"" + series + "\"");
        Resource resource = ResourceHelper.fromString("partner-drop-test.camel.yaml", example);
        PluginHelper.getRoutesLoader(context).loadRoutes(resource);

        Files.writeString(dropFolder.resolve("partner.csv"), csv);

        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(dropFolder.resolve(".done/partner.csv")));
        JsonNode jobs = org.api.get("/coupon/api/v1/upload/getUploadRedeemedCouponStatus/" + series).result().get("redeemUploadJobStatuses");
        JsonNode partnerJob = null;
        for (JsonNode job : jobs) {
            if (job.get("fileName").asText().startsWith("partner_")) {
                partnerJob = job;
            }
        }
        assertThat(partnerJob).isNotNull();
        assertThat(partnerJob.get("source").asText()).isEqualTo("ROUTE");
        assertThat(partnerJob.get("details").asText()).isEqualTo("partner drop folder");
        assertThat(org.waitForEnd(partnerJob.get("jobId").asLong()).get("totalUploadedCount").asLong()).isEqualTo(1);
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

}
