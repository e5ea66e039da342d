package org.hivemesh.application.sync;

import jakarta.inject.Inject;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.sync.port.in.OversightChange;
import org.hivemesh.application.sync.port.out.OversightStore;
import org.hivemesh.domain.consent.OversightBy;
import org.hivemesh.domain.consent.OversightPolicy;

/**
 * Each group's oversight policy: taken from this instance's configuration when the group is created here, from the
 * group's handshake when it is joined, and changed by the admin. A group older than per-group policies follows the
 * configuration.
 */
public final class GroupOversight {
    private final OversightStore store;
    private final OversightPolicy defaults;

    /** {@code defaults}: the policy configured for this instance, which groups created here start with. */
    @Inject
    public GroupOversight(OversightStore store, OversightPolicy defaults) {
        this.store = store;
        this.defaults = defaults;
    }

    public OversightPolicy of(String groupId) {
        return store.oversight(groupId).orElse(defaults);
    }

    /** A group created here starts with the configured policy. */
    public void created(String groupId) {
        store.saveOversight(groupId, defaults);
    }

    /** A joined group takes the policy its members apply. */
    public void adopt(String groupId, OversightPolicy policy) {
        store.saveOversight(groupId, policy);
    }

    /** The policy with the change applied; an invalid setting is refused whole, naming the setting. */
    public static OversightPolicy changed(OversightPolicy current, OversightChange change) {
        if (change.isEmpty()) {
            throw HivemeshException.invalid("oversight names no setting to change: give one of max_deletes, "
                    + "on_moderation_change, on_contradiction, on_join, by");
        }
        OversightPolicy next = current;
        if (change.maxDeletes().isPresent()) {
            long max = change.maxDeletes().get();
            if (max < 0 || max > OversightPolicy.UNLIMITED) {
                throw HivemeshException.invalid("oversight.max_deletes must be between 0 and " + OversightPolicy.UNLIMITED
                        + ", or null for no limit; got " + max);
            }
            next = next.withMaxDeletes((int) max);
        }
        next = change.onModerationChange().map(next::withOnModerationChange).orElse(next);
        next = change.onContradiction().map(next::withOnContradiction).orElse(next);
        next = change.onJoin().map(next::withOnJoin).orElse(next);
        if (change.by().isPresent()) {
            String by = change.by().get();
            if (!by.equals(OversightBy.ADMIN.wire()) && !by.equals(OversightBy.ROSTER.wire())) {
                throw HivemeshException.invalid("oversight.by must be 'admin' or 'roster', got '" + by + "'");
            }
            next = next.withBy(OversightBy.fromWire(by));
        }
        return next;
    }
}
