package com.redeemupload;

import org.apache.camel.Exchange;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the process on any {@link OutOfMemoryError}, so it is never left half-alive (threads and timers dead, health
 * UP); the operator's restart (or the same start command) brings it back on its data. The JVM flag
 * {@code -XX:+ExitOnOutOfMemoryError} (in .mvn/jvm.config) covers the heap errors the JVM throws; this covers those
 * that code throws itself (Netty's and NIO's direct memory), whether a route caught them or a thread died of them.
 */
public final class OutOfMemoryExit extends EventNotifierSupport implements Thread.UncaughtExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(OutOfMemoryExit.class);
    /** as the JVM's ExitOnOutOfMemoryError */
    static final int EXIT_STATUS = 3;

    private final Thread.UncaughtExceptionHandler previous;

    public OutOfMemoryExit() {
        this.previous = Thread.getDefaultUncaughtExceptionHandler();
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreStepEvents(true);
    }

    /** Becomes every thread's last resort too. */
    public OutOfMemoryExit install() {
        Thread.setDefaultUncaughtExceptionHandler(this);
        return this;
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        Exchange exchange = ((CamelEvent.ExchangeEvent) event).getExchange();
        haltOn(exchange.getException());
        haltOn(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class));
    }

    @Override
    public void uncaughtException(Thread thread, Throwable e) {
        haltOn(e);
        if (previous != null) {
            previous.uncaughtException(thread, e);
        } else {
            System.err.print("Exception in thread \"" + thread.getName() + "\" ");
            e.printStackTrace(System.err);
        }
    }

    static void haltOn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                try {
                    System.err.println("OutOfMemoryError (" + t.getMessage() + "): the service stops now; start it again");
                    LOG.error("OutOfMemoryError: the service stops now", t);
                } finally {
                    // halt, not exit: shutdown hooks and a graceful stop need memory and threads that may be gone
                    Runtime.getRuntime().halt(EXIT_STATUS);
                }
            }
        }
    }
}
