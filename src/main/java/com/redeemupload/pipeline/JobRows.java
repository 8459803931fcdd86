package com.redeemupload.pipeline;

import com.redeemupload.files.FileStore;
import com.redeemupload.files.JobFile;
import com.redeemupload.job.Job;
import com.redeemupload.job.JobLease;
import org.apache.camel.ExchangeProperty;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads a job's stored file as a stream of {@link RowChunk}s: the header row (when the job says there is one) is
 * skipped, every other record is mapped to a {@link RedemptionRow}. Only one chunk is in memory at a time.
 */
public final class JobRows {

    private final FileStore files;
    private final int chunkSize;
    private final int maxLineLength;
    private final long futureToleranceMs;

    public JobRows(FileStore files, int chunkSize, int maxLineLength, long futureToleranceMs) {
        this.files = files;
        this.chunkSize = chunkSize;
        this.maxLineLength = maxLineLength;
        this.futureToleranceMs = futureToleranceMs;
    }

    public Iterator<RowChunk> read(@ExchangeProperty("lease") JobLease lease) throws IOException {
        Job job = lease.job();
        CsvReader reader = open(job);
        if (job.hasHeaderRow() && reader.next() == null) {
            reader.close();
            throw new BadFileException("the file is empty: it has no header row and no data rows");
        }
        RowMapper mapper = new RowMapper(job.columnMapping(), job.customerIdentifier(), job.couponIdentifier());
        return new Chunks(lease, reader, mapper);
    }

    /**
     * The records of a job's stored file after its header row, as written: for the result files, which repeat them.
     * The file was read once already, so it reads the same way again.
     */
    public CsvReader records(Job job) throws IOException {
        CsvReader reader = open(job);
        if (job.hasHeaderRow()) {
            reader.next();
        }
        return reader;
    }

    /** The header row of a job's file as written, or null when the job has none. */
    public List<String> header(Job job) throws IOException {
        if (!job.hasHeaderRow()) {
            return null;
        }
        List<String> header = CsvReader.firstRecord(files.path(job.orgId(), job.jobId(), JobFile.UPLOADED), maxLineLength);
        return header == null ? List.of() : header;
    }

    private CsvReader open(Job job) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(files.path(job.orgId(), job.jobId(), JobFile.UPLOADED)), 1 << 16);
        return new CsvReader(in, maxLineLength);
    }

    private final class Chunks implements Iterator<RowChunk>, Closeable {

        private static final long STAGING_WAIT_MILLIS = 30_000;

        private final JobLease lease;
        private final CsvReader reader;
        private final RowMapper mapper;
        private CsvRecord next;
        private long chunksHandedOut;

        Chunks(JobLease lease, CsvReader reader, RowMapper mapper) {
            this.lease = lease;
            this.reader = reader;
            this.mapper = mapper;
            this.next = readOrClose();
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public RowChunk next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            long latestAcceptedDate = System.currentTimeMillis() + futureToleranceMs;
            List<RedemptionRow> rows = new ArrayList<>(chunkSize);
            while (next != null && rows.size() < chunkSize) {
                rows.add(mapper.map(next, latestAcceptedDate));
                next = readOrClose();
            }
            chunksHandedOut++;
            return new RowChunk(rows);
        }

        private CsvRecord readOrClose() {
            try {
                CsvRecord record = reader.next();
                if (record == null) {
                    close();
                }
                return record;
            } catch (RuntimeException e) {
                next = null;   // no more chunks: Camel's split asks again when it cleans up, and must hear "none"
                close();
                awaitChunksStaged();
                throw e;
            }
        }

        /** The chunks handed out are checked and staged on other threads: the job must not fail before they are. */
        private void awaitChunksStaged() {
            try {
                lease.awaitChunksStaged(chunksHandedOut, STAGING_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            try {
                reader.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
