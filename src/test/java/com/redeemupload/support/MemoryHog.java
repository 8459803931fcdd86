package com.redeemupload.support;

import java.util.ArrayList;
import java.util.List;

/** Runs out of memory in a route of the child service of OutOfMemoryTest (child-routes/out-of-memory.camel.yaml). */
public final class MemoryHog {

    public static String exhaustHeap() {
        List<long[]> kept = new ArrayList<>();
        while (true) {
            kept.add(new long[2 * 1024 * 1024]);
        }
    }

    /** As NIO and Netty do when direct memory runs out: an error thrown by code, not by the JVM. */
    public static String throwAsDirectMemoryDoes() {
        throw new OutOfMemoryError("Direct buffer memory");
    }

    /** A thread of the process dies of it, outside any route. */
    public static String killAThread() {
        new Thread(MemoryHog::throwAsDirectMemoryDoes, "memory-hog").start();
        return "started";
    }
}
