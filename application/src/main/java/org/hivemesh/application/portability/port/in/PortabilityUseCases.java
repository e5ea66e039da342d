package org.hivemesh.application.portability.port.in;

import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * JSONL export and import of a group's events (admin). One line per event in the wire format of API.md,
 * plus the origin's public key, so any importer can verify it; the first line describes the group.
 */
public interface PortabilityUseCases {
    /** Writes the header line, then every event after {@code since}, in log order. */
    void export(String groupId, long since, Consumer<String> lines);

    /**
     * Verifies and stores every event line of a JSONL document (streaming: memory does not grow with the input).
     * A bad line, one that is not UTF-8 included, is rejected alone with its line number and reason.
     * {@code intoGroup}, if given, is the only group accepted.
     */
    ImportReport importLines(InputStream jsonl, Optional<String> intoGroup);

    record Rejection(long line, String reason) {
    }

    /**
     * {@code deferred}: held until their clock is due; {@code refused}: stored without effect (authority rules);
     * {@code rejected} details the first {@link #MAX_DETAILS} rejections; {@code rejectedCount} counts them all.
     */
    record ImportReport(String groupId, long newEvents, long duplicates, long deferred, long refused, long flagged,
                        long rejectedCount, List<Rejection> rejected) {
    }

    int MAX_DETAILS = 1000;
}
