package org.hivemesh.bootstrap.config;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Puts the {@code log_level} and {@code log_format} settings into effect for a serving instance: one appender on
 * stderr, with dated text lines or one JSON object per line (Logback's own {@link JsonEncoder}).
 */
public final class Logging {
    /** Dated, so a line read days later in a file or journal still says when it happened. */
    static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{24} - %msg%n";

    public enum Format { TEXT, JSON }

    /** {@code level}: the level of hivemesh's own loggers; libraries stay at WARN unless it is stricter. */
    public record Settings(Level level, Format format) {
        public static final Settings DEFAULT = new Settings(Level.INFO, Format.TEXT);

        public static Settings parse(String level, String format) {
            Level parsed = Level.toLevel(level, null);
            if (parsed == null) {
                throw new IllegalArgumentException("log_level must be trace, debug, info, warn or error, got '" + level + "'");
            }
            return switch (format.toLowerCase(Locale.ROOT)) {
                case "text" -> new Settings(parsed, Format.TEXT);
                case "json" -> new Settings(parsed, Format.JSON);
                default -> throw new IllegalArgumentException("log_format must be text or json, got '" + format + "'");
            };
        }
    }

    private Logging() {
    }

    public static void apply(Settings settings) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Encoder<ILoggingEvent> encoder = settings.format() == Format.JSON ? json(context) : text(context);
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("STDERR");
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.addAppender(appender);
        root.setLevel(settings.level().isGreaterOrEqual(Level.WARN) ? settings.level() : Level.WARN);
        context.getLogger("org.hivemesh").setLevel(settings.level());
    }

    private static Encoder<ILoggingEvent> text(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(TEXT_PATTERN);
        encoder.start();
        return encoder;
    }

    /** The formatted message only: the raw template and its arguments would say the same thing twice. */
    private static Encoder<ILoggingEvent> json(LoggerContext context) {
        JsonEncoder encoder = new IsoTimestampJsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithTimestamp(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();
        return encoder;
    }

    /**
     * Logback's encoder writes the time as epoch milliseconds; log tools and people read ISO-8601, so the same
     * {@code timestamp} field carries the instant in UTC with milliseconds ({@code 2026-12-01T15:40:00.123Z}).
     */
    static final class IsoTimestampJsonEncoder extends JsonEncoder {
        private static final DateTimeFormatter ISO_UTC_MILLIS =
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

        @Override
        protected void appendCustomFields(StringBuilder sb, ILoggingEvent event) {
            // level is always written before this, so the separator is always needed
            sb.append(",\"timestamp\":\"").append(ISO_UTC_MILLIS.format(Instant.ofEpochMilli(event.getTimeStamp())))
                    .append('"');
        }
    }
}
