package com.logininsights.testing;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.util.ExceptionUtils;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/**
 * The broker's refusals that the MiniCluster logs while it runs. A sink that may not write fails its task, and its
 * close then fails too, which Flink escalates to a fatal error of the TaskManager: the job then fails with "The
 * TaskExecutor is shutting down", and the refusal is only in the log line of that fatal error.
 */
public final class LoggedRefusals extends AbstractAppender implements AutoCloseable {
    private final List<AuthorizationException> refusals = new CopyOnWriteArrayList<>();

    private LoggedRefusals() {
        super("logged-refusals", null, null, true, Property.EMPTY_ARRAY);
    }

    /** Starts listening to every logger of this JVM, from ERROR up. */
    public static LoggedRefusals listen() {
        LoggedRefusals appender = new LoggedRefusals();
        appender.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().addAppender(appender, Level.ERROR, null);
        context.updateLoggers();
        return appender;
    }

    @Override
    public void append(LogEvent event) {
        if (event.getThrown() != null) {
            ExceptionUtils.findThrowable(event.getThrown(), AuthorizationException.class)
                    .ifPresent(refusals::add);
        }
    }

    /** The first refusal logged since {@link #listen()}. */
    public Optional<AuthorizationException> first() {
        return refusals.stream().findFirst();
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(getName());
        context.updateLoggers();
        stop();
    }
}
