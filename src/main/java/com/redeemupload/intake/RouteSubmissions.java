package com.redeemupload.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.redeemupload.files.OwnerOnly;
import com.redeemupload.job.Job;
import com.redeemupload.job.JobSource;
import com.redeemupload.pipeline.CsvReader;
import com.redeemupload.upload.Submissions;
import com.redeemupload.upload.UploadRequestException;
import com.redeemupload.upload.UploadSettings;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The way in for other Camel routes ({@code direct:redeem-upload}): the body is the file (File, InputStream,
 * byte[] or String), the upload fields are headers ({@code orgId}, {@code couponSeriesId}, and optionally
 * {@code customerIdentifier}, {@code couponIdentifier}, {@code uploadHeaders}, {@code hasHeaderRow},
 * {@code details}, {@code CamelFileName}); what is not given is derived from the header row, as for the inbox.
 */
public final class RouteSubmissions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Submissions submissions;
    private final Path incoming;
    private final int maxLineLength;
    private final int maxColumnIndex;

    public RouteSubmissions(Submissions submissions, Path incoming, int maxLineLength, int maxColumnIndex) {
        this.submissions = submissions;
        this.incoming = incoming;
        this.maxLineLength = maxLineLength;
        this.maxColumnIndex = maxColumnIndex;
    }

    public Job submit(Exchange exchange) throws IOException, SQLException {
        Message in = exchange.getMessage();
        long orgId = requiredId(in, "orgId");
        long seriesId = requiredId(in, "couponSeriesId");
        OwnerOnly.folders(incoming);
        Path spooled = Files.createTempFile(incoming, "route-", ".csv");   // the body may be a stream: keep it first
        try {
            try (InputStream body = in.getMandatoryBody(InputStream.class)) {
                Files.copy(body, spooled, StandardCopyOption.REPLACE_EXISTING);
            } catch (org.apache.camel.InvalidPayloadException e) {
                throw new UploadRequestException("body", "must be the file: a File, InputStream, byte[] or String");
            }
            if (Files.size(spooled) == 0) {
                throw new UploadRequestException("body", "is empty (0 bytes)");
            }
            UploadSettings settings;
            try {
                settings = DerivedSettings.of(settingsOf(in).toString(), () -> CsvReader.firstRecord(spooled, maxLineLength), "headers",
                        maxColumnIndex);
            } catch (IntakeRefusedException e) {
                throw new UploadRequestException("headers", e.getMessage());
            }
            String name = in.getHeader(Exchange.FILE_NAME, "route-upload.csv", String.class);
            return submissions.submit(orgId, seriesId, JobSource.ROUTE, name, spooled, settings);   // the name is made safe there
        } finally {
            Files.deleteIfExists(spooled);
        }
    }

    /** The upload fields given as headers, in the shape of an inbox sidecar. */
    private static ObjectNode settingsOf(Message in) {
        ObjectNode json = JSON.createObjectNode();
        for (String field : List.of("customerIdentifier", "couponIdentifier", "hasHeaderRow", "details")) {
            String value = in.getHeader(field, String.class);
            if (value != null && !value.isBlank()) {
                json.put(field, value);
            }
        }
        Object uploadHeaders = in.getHeader("uploadHeaders");
        if (uploadHeaders instanceof Map<?, ?> map) {
            json.set("uploadHeaders", JSON.valueToTree(map));
        } else if (uploadHeaders != null && !uploadHeaders.toString().isBlank()) {
            json.put("uploadHeaders", uploadHeaders.toString());
        }
        return json;
    }

    private static long requiredId(Message in, String header) {
        Long id = in.getHeader(header, Long.class);
        if (id == null) {
            throw new UploadRequestException(header, "header is required (a number)");
        }
        return id;
    }
}
