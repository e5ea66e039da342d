package org.hivemesh.application.shared;

import jakarta.inject.Inject;
import java.util.Optional;
import org.hivemesh.application.shared.port.out.AuditLog;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.IdGenerator;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/** Writes audit records with their ID and time, so services say only what happened. */
public final class Audit {
    private final AuditLog log;
    private final Clock clock;
    private final IdGenerator ids;

    @Inject
    public Audit(AuditLog log, Clock clock, IdGenerator ids) {
        this.log = log;
        this.clock = clock;
        this.ids = ids;
    }

    public void record(String action, Optional<String> group, String actor, JsonObject details) {
        log.record(new AuditLog.AuditRecord(ids.id("aud_"), clock.now(), action, group, actor, details));
    }
}
