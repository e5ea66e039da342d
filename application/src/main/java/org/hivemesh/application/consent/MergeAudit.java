package org.hivemesh.application.consent;

import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.Supplier;
import org.hivemesh.application.content.port.out.StateStore;
import org.hivemesh.application.shared.Audit;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/** Every merge leaves a {@code merge_executed} audit record with the state digests before and after it. */
public final class MergeAudit {
    private final StateStore state;
    private final Audit audit;

    @Inject
    public MergeAudit(StateStore state, Audit audit) {
        this.state = state;
        this.audit = audit;
    }

    /** Runs the merge, which returns what it did; the record carries that and the digests around it. */
    public void around(String groupId, String actor, Supplier<JsonObject> merge) {
        String before = state.stateDigest(groupId);
        JsonObject done = merge.get();
        JsonValue.Builder details = JsonObject.builder();
        done.members().forEach(details::put);
        audit.record("merge_executed", Optional.of(groupId), actor, details.put("digest_before", before)
                .put("digest_after", state.stateDigest(groupId)).build());
    }
}
