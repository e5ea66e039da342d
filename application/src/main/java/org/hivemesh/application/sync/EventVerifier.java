package org.hivemesh.application.sync;

import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hivemesh.application.content.port.out.EventStore;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.shared.port.out.Signatures;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventId;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.hive.Authority;
import org.hivemesh.domain.hive.AuthorityRule;
import org.hivemesh.domain.peer.InstanceIds;

/**
 * Every check an arriving event passes before it may be stored: its ID is recomputed from its content, it belongs to
 * the group, it acts for an agent of its origin, its signature verifies against the origin's key, and its clock is
 * not too far ahead. Signature checks are pure CPU work and dominate intake, so they run on every core.
 */
public final class EventVerifier {
    private static final HexFormat HEX = HexFormat.of();

    private final SyncStore sync;
    private final EventStore events;
    private final Signatures signatures;
    private final InstanceIdentity self;
    private final Duration maxClockAhead;

    @Inject
    public EventVerifier(SyncStore sync, EventStore events, Signatures signatures, InstanceIdentity self,
                         IntakeSettings settings) {
        this.sync = sync;
        this.events = events;
        this.signatures = signatures;
        this.self = self;
        this.maxClockAhead = settings.maxClockAhead();
    }

    /** What intake makes of one wire event. */
    public sealed interface Verdict permits Valid, TooEarly, Stored, Invalid {
    }

    public record Valid(Event event, String keyHex) implements Verdict {
    }

    /** Verified, but its HLC is more than the allowed margin ahead of our clock. */
    public record TooEarly(Event event, String keyHex) implements Verdict {
    }

    /**
     * The group's log holds this event already: its ID, recomputed from its content, is one we stored after verifying
     * it, so its signature is not checked again and it is taken as a duplicate (a peer's page often repeats what we
     * sent it, and checking a signature costs more than all the rest of intake).
     */
    public record Stored(Event event) implements Verdict {
    }

    public record Invalid(String reason) implements Verdict {
    }

    /** One verdict per wire event, in order; {@code offeredKeys} are keys the sender says belong to origins. */
    public List<Verdict> check(List<JsonObject> wires, String groupId, Map<String, String> offeredKeys, Instant now) {
        return check(wires.parallelStream().map(EventVerifier::parse).toList(), Set.of(), groupId, offeredKeys, now);
    }

    /** As {@link #check}, for events arriving into the group: those its log holds already are {@link Stored}. */
    public List<Verdict> checkArriving(List<JsonObject> wires, String groupId, Map<String, String> offeredKeys,
                                       Instant now) {
        List<Object> parsed = wires.parallelStream().map(EventVerifier::parse).toList();
        List<EventId> ids = parsed.stream().filter(p -> p instanceof Event e && e.group().equals(groupId))
                .map(p -> ((Event) p).id()).toList();
        return check(parsed, ids.isEmpty() ? Set.of() : events.stored(groupId, ids), groupId, offeredKeys, now);
    }

    private List<Verdict> check(List<Object> parsed, Set<EventId> stored, String groupId, Map<String, String> offeredKeys,
                                Instant now) {
        Map<String, Optional<String>> keys = new HashMap<>();
        for (Object p : parsed) {
            if (p instanceof Event e && !stored.contains(e.id())) {
                keys.computeIfAbsent(e.origin(), origin -> keyFor(origin, offeredKeys));
            }
        }
        long latestAllowed = now.plus(maxClockAhead).toEpochMilli();
        return parsed.parallelStream()
                .map(p -> p instanceof Event e
                        ? stored.contains(e.id()) ? new Stored(e) : check(e, groupId, keys.get(e.origin()), latestAllowed)
                        : (Verdict) p)
                .toList();
    }

    /** The event, or why it is not one: a malformed event or one whose ID does not match its content. */
    private static Object parse(JsonObject wire) {
        try {
            return Event.fromJson(wire);
        } catch (IllegalArgumentException e) {
            return new Invalid("malformed or altered event: " + e.getMessage());
        }
    }

    private Verdict check(Event event, String groupId, Optional<String> key, long latestAllowed) {
        if (!event.group().equals(groupId)) {
            return new Invalid("event belongs to group " + event.group() + ", not " + groupId);
        }
        if (key.isEmpty()) {
            return new Invalid("no signing key that matches origin " + event.origin());
        }
        if (!signatures.verify(HEX.parseHex(key.get()), event.body().canonicalBytes(), HEX.parseHex(event.signature()))) {
            return new Invalid("signature does not verify against the key of origin " + event.origin());
        }
        Optional<AuthorityRule> origin = Authority.originRefusal(event);
        if (origin.isPresent()) {
            return new Invalid(origin.get().wire() + ": the acting agent " + event.payload().actor().key()
                    + " is not an agent of the origin " + event.origin());
        }
        if (event.hlc().wallMillis() > latestAllowed) {
            return new TooEarly(event, key.get());
        }
        return new Valid(event, key.get());
    }

    /** Our own key, a key learned before, or an offered key that hashes to the origin's ID. */
    private Optional<String> keyFor(String origin, Map<String, String> offeredKeys) {
        if (origin.equals(self.instanceId())) {
            return Optional.of(self.publicKeyHex());
        }
        Optional<String> known = sync.keyOf(origin);
        if (known.isPresent()) {
            return known;
        }
        String offered = offeredKeys.get(origin);
        try {
            if (offered != null && InstanceIds.matches(origin, HEX.parseHex(offered))) {
                return Optional.of(offered);
            }
        } catch (IllegalArgumentException notHex) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Keys of the origins in {@code events}, for the receiver to check them. */
    public Map<String, String> keysFor(List<Event> events) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (Event e : events) {
            if (!keys.containsKey(e.origin())) {
                (e.origin().equals(self.instanceId()) ? Optional.of(self.publicKeyHex()) : sync.keyOf(e.origin()))
                        .ifPresent(k -> keys.put(e.origin(), k));
            }
        }
        return keys;
    }
}
