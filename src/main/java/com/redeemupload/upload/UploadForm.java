package com.redeemupload.upload;

import com.redeemupload.api.ApiException;
import com.redeemupload.api.ErrorCodes;
import com.redeemupload.pipeline.BadFileException;
import com.redeemupload.pipeline.CsvReader;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.attachment.AttachmentMessage;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the multipart form of {@code POST .../upload/redeemFile/{couponSeriesId}} as platform-http hands it over
 * (form fields as headers, the file part as a temp {@link File}) and checks every field, refusing with 400 or 415
 * and the field named. The temp file is deleted when the request ends, so the caller must store it right away.
 */
public final class UploadForm {

    private final int maxLineLength;
    private final int maxColumnIndex;
    private final int maxDetailsLength;

    public UploadForm(int maxLineLength, int maxColumnIndex, int maxDetailsLength) {
        this.maxLineLength = maxLineLength;
        this.maxColumnIndex = maxColumnIndex;
        this.maxDetailsLength = maxDetailsLength;
    }

    public ReceivedFile read(Exchange exchange) throws IOException {
        Message in = exchange.getMessage();
        String contentType = in.getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new ApiException(415, ErrorCodes.NOT_MULTIPART, "the request must be multipart/form-data (got "
                    + (contentType == null ? "no Content-Type" : contentType) + "), with the CSV in the part named 'file'");
        }
        long seriesId = seriesId(in.getHeader("couponSeriesId", String.class));
        Path file = uploadedFile(exchange);
        if (Files.size(file) == 0) {
            throw new UploadRequestException("file", "is empty (0 bytes); send a CSV file with at least one data row");
        }
        CustomerIdentifier customer = CustomerIdentifier.parse(required(in, "customerIdentifier", CustomerIdentifier.names()));
        CouponIdentifier coupon = CouponIdentifier.parse(required(in, "couponIdentifier", CouponIdentifier.names()));
        boolean hasHeaderRow = hasHeaderRow(field(in, "hasHeaderRow"));
        String uploadHeaders = field(in, "uploadHeaders");
        ColumnMapping mapping;
        if (uploadHeaders != null && !uploadHeaders.isBlank()) {
            mapping = ColumnMapping.fromUploadHeaders(uploadHeaders, maxColumnIndex).requireKeysFor(customer, coupon, "uploadHeaders");
        } else if (hasHeaderRow) {
            mapping = ColumnMapping.fromHeaderRow(headerRow(file)).requireKeysFor(customer, coupon, "file (header row)");
        } else {
            throw new UploadRequestException("uploadHeaders", "is required when hasHeaderRow is false: send a JSON object "
                    + "of key to 0-based column, such as {\"mobile\": 0, \"couponCode\": 1, \"redeemedDateInMillis\": 2, \"redeemedAt\": 3}");
        }
        String details = field(in, "details");   // field names ignore case: 'Details' too
        if (details != null && details.length() > maxDetailsLength) {
            throw new UploadRequestException("details", "is " + details.length() + " characters long; at most "
                    + maxDetailsLength + " (redeem.details.max-length)");
        }
        String name = in.getHeader(Exchange.FILE_NAME, String.class);
        return new ReceivedFile(seriesId, file, name, new UploadSettings(customer, coupon, mapping, hasHeaderRow, details));
    }

    private static Path uploadedFile(Exchange exchange) {
        AttachmentMessage attachments = exchange.getMessage(AttachmentMessage.class);
        boolean hasFilePart = attachments.hasAttachments() && attachments.getAttachmentNames().contains("file");
        Object body = exchange.getMessage().getBody();
        if (!hasFilePart) {
            throw new UploadRequestException("file", "is missing: send the CSV as the form part named 'file'");
        }
        if (body instanceof File f) {
            return f.toPath();
        }
        throw new UploadRequestException("file", "send exactly one file part, named 'file'");
    }

    /**
     * A form field of the request: from the form only (platform-http also puts the query string and the request's
     * headers among the message's headers), and once: names ignore case, so 'details' and 'Details' are one field.
     */
    private static String field(Message in, String name) {
        if (!(in instanceof HttpMessage http)) {
            return in.getHeader(name, String.class);
        }
        List<String> sentAs = http.getRequest().formAttributes().entries().stream()
                .map(Map.Entry::getKey).filter(name::equalsIgnoreCase).toList();
        if (sentAs.size() > 1) {
            throw new UploadRequestException(name, "is sent " + sentAs.size() + " times (as " + String.join(", ", sentAs)
                    + "; field names ignore case); send it once");
        }
        return http.getRequest().formAttributes().get(name);
    }

    private static long seriesId(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ApiException(404, ErrorCodes.SERIES_INVALID, "Series ID invalid: '" + value + "' is not a series id");
        }
    }

    private static String required(Message in, String field, String accepted) {
        String value = field(in, field);
        if (value == null || value.isBlank()) {
            throw new UploadRequestException(field, "is required; one of " + accepted);
        }
        return value;
    }

    private static boolean hasHeaderRow(String value) {
        if (value == null || value.isBlank()) {
            return true;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new UploadRequestException("hasHeaderRow", "'" + value + "' is not true or false");
        };
    }

    private java.util.List<String> headerRow(Path file) throws IOException {
        try {
            java.util.List<String> header = CsvReader.firstRecord(file, maxLineLength);
            if (header == null) {
                throw new UploadRequestException("file", "has no header row; send uploadHeaders, or a header row naming the columns");
            }
            return header;
        } catch (BadFileException e) {
            throw new UploadRequestException("file", "the header row cannot be read: " + e.getMessage());
        }
    }
}
