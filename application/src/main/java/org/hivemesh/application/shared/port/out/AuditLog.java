package org.hivemesh.application.shared.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hivemesh.domain.event.JsonValue;

/** Append-only record of administrative and merge actions; nothing here can be edited. */
public interface AuditLog {
    void record(AuditRecord record);

    List<AuditRecord> list(Optional<String> group, int limit);

    record AuditRecord(String id, Instant at, String action, Optional<String> group, String actor,
                       JsonValue.JsonObject details) {
    }
}
