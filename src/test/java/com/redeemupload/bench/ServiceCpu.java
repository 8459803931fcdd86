package com.redeemupload.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The CPU the service's JVM used between two points, and how much of it its JIT compiler threads took (Linux's
 * /proc/{pid}/task). A service started for the benchmark still compiles during its first big jobs, which a service
 * that has been running has long done: this tells that part of a run from the rest.
 */
record ServiceCpu(double coreSeconds, double compilerCoreSeconds) {

    private static final double TICKS_PER_SECOND = 100;   // USER_HZ, which /proc counts in on Linux

    /** Now, or null where there is no /proc. */
    static ServiceCpu now(long pid) {
        double all = 0;
        double compiler = 0;
        try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path thread : threads.toList()) {
                String stat;
                try {
                    stat = Files.readString(thread.resolve("stat"));
                } catch (IOException gone) {
                    continue;   // the thread ended meanwhile
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                double seconds = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;   // utime, stime
                all += seconds;
                if (name.contains("CompilerThre")) {   // "C2 CompilerThre", "C1 CompilerThre"
                    compiler += seconds;
                }
            }
            return new ServiceCpu(all, compiler);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** "3.1 core-s, of which the JIT compiler 1.2" since {@code start}. */
    static String since(long pid, ServiceCpu start) {
        ServiceCpu end = now(pid);
        if (start == null || end == null) {
            return "not known (no /proc)";
        }
        return String.format("%.1f core-s, of which the JIT compiler %.1f", end.coreSeconds - start.coreSeconds,
                end.compilerCoreSeconds - start.compilerCoreSeconds);
    }
}
