package com.redeemupload.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How busy the whole machine's cores were between two points (Linux's /proc/stat): the service, PostgreSQL and the
 * benchmark's own client together. Whether a run could go faster with more overlap or only with less work shows
 * here: cores busy on average near the core count leaves nothing to overlap.
 */
record MachineCpu(double busyCoreSeconds, long nanoTime) {

    private static final Path PROC_STAT = Path.of("/proc/stat");
    private static final double TICKS_PER_SECOND = 100;   // USER_HZ, which /proc/stat counts in on Linux

    /** Now, or null where there is no /proc/stat. */
    static MachineCpu now() {
        try {
            String[] fields = Files.readAllLines(PROC_STAT).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {   // user nice system idle iowait irq softirq steal
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(fields[i]);
                }
            }
            return new MachineCpu(busy / TICKS_PER_SECOND, System.nanoTime());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** "15.8 core-s, 1.75 of 2 cores busy" since {@code start}. */
    static String since(MachineCpu start) {
        MachineCpu end = now();
        if (start == null || end == null) {
            return "not known (no /proc/stat)";
        }
        double coreSeconds = end.busyCoreSeconds - start.busyCoreSeconds;
        double seconds = (end.nanoTime - start.nanoTime) / 1e9;
        return String.format("%.1f core-s, %.2f of %d cores busy", coreSeconds, coreSeconds / seconds,
                Runtime.getRuntime().availableProcessors());
    }
}
