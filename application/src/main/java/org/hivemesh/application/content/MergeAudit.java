package org.hivemesh.application.content;

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

    /** A merge under way: the digest before it is taken now. */
    public final class Merge {
        private final String groupId;
        private final String before;

        private Merge(String groupId) {
            this.groupId = groupId;
            this.before = state.stateDigest(groupId);
        }

        /** {@code details}: what the merge did; the record adds the digests around it. */
        public void executed(String actor, JsonObject details) {
            JsonValue.Builder record = JsonObject.builder();
            details.members().forEach(record::put);
            audit.record("merge_executed", Optional.of(groupId), actor, record.put("digest_before", before)
                    .put("digest_after", state.stateDigest(groupId)).build());
        }
    }

    public Merge begin(String groupId) {
        return new Merge(groupId);
    }

    /** Runs the merge, which returns what it did, and records it. */
    public void around(String groupId, String actor, Supplier<JsonObject> merge) {
        Merge started = begin(groupId);
        started.executed(actor, merge.get());
    }
}
