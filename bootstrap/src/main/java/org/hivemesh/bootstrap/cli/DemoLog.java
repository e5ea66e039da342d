package org.hivemesh.bootstrap.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.FileAppender;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.slf4j.LoggerFactory;

/** The demo's log goes to a file while it runs, so nothing interleaves with its table; closing puts the log back. */
final class DemoLog implements AutoCloseable {
    private final Logger root;
    private final Logger hivemesh;
    private final Level hivemeshLevel;
    private final List<Appender<ILoggingEvent>> detached = new ArrayList<>();
    private final FileAppender<ILoggingEvent> file;

    private DemoLog(Path path) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        hivemesh = context.getLogger("org.hivemesh");
        hivemeshLevel = hivemesh.getLevel();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{24} - %msg%n");
        encoder.start();
        file = new FileAppender<>();
        file.setContext(context);
        file.setName("hivemesh-demo-file");
        file.setFile(path.toString());
        file.setEncoder(encoder);
        file.start();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            detached.add(it.next());
        }
        detached.forEach(root::detachAppender);
        root.addAppender(file);
        hivemesh.setLevel(Level.INFO);
    }

    static DemoLog to(Path path) {
        return new DemoLog(path);
    }

    @Override
    public void close() {
        root.detachAppender(file);
        detached.forEach(root::addAppender);
        hivemesh.setLevel(hivemeshLevel);
        file.stop();
    }
}
