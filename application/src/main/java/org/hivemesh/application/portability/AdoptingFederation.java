package org.hivemesh.application.portability;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hivemesh.application.content.Adoption;
import org.hivemesh.application.content.HiveAccess;
import org.hivemesh.application.content.Reissue;
import org.hivemesh.application.content.port.out.EventStore;
import org.hivemesh.application.content.port.out.HiveRecord;
import org.hivemesh.application.content.port.out.StateStore;
import org.hivemesh.application.content.port.out.StoredEvent;
import org.hivemesh.application.portability.port.in.AdoptingFederationUseCase;
import org.hivemesh.application.portability.port.in.PortabilityUseCases;
import org.hivemesh.application.portability.port.in.PortabilityUseCases.ImportReport;
import org.hivemesh.application.portability.port.in.PortabilityUseCases.Rejection;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.IdGenerator;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.shared.port.out.Signatures;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.application.sync.EventVerifier;
import org.hivemesh.application.sync.Handshakes;
import org.hivemesh.application.sync.TransferSettings;
import org.hivemesh.application.sync.port.out.PeerTransport;
import org.hivemesh.application.sync.port.out.PeerTransport.PeerAddress;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.application.sync.port.wire.EventPage;
import org.hivemesh.application.sync.port.wire.HandshakeReply;
import org.hivemesh.application.sync.port.wire.PushBatch;
import org.hivemesh.application.sync.port.wire.PushReply;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventId;
import org.hivemesh.domain.event.EventType;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.hive.Contradiction;
import org.hivemesh.domain.hive.HiveOwner;
import org.hivemesh.domain.hive.HiveRules;
import org.hivemesh.domain.hive.HiveState;
import org.hivemesh.domain.peer.PeerSource;
import org.hivemesh.domain.peer.PeerStatus;
import org.hivemesh.domain.peer.SyncEndpoint;

/**
 * federate --adopt: a client handshake with the other instance for the hive's name, its group's whole log read and
 * verified, then re-issued here (pull) or the local log re-issued into its group and pushed (push); the session is
 * left on both sides and the temporary peer entry forgotten. The other group's log is held in memory, as an adopting
 * import holds its file.
 */
public final class AdoptingFederation implements AdoptingFederationUseCase {
    private final SyncStore sync;
    private final Handshakes handshakes;
    private final PeerTransport transport;
    private final EventVerifier verifier;
    private final HiveAccess access;
    private final EventStore events;
    private final StateStore state;
    private final Adoption adoption;
    private final Transactions transactions;
    private final Signatures signatures;
    private final Clock clock;
    private final IdGenerator ids;
    private final InstanceIdentity self;
    private final TransferSettings transfer;

    @Inject
    public AdoptingFederation(SyncStore sync, Handshakes handshakes, PeerTransport transport, EventVerifier verifier,
                              HiveAccess access, EventStore events, StateStore state, Adoption adoption, Transactions transactions,
                              Signatures signatures, Clock clock, IdGenerator ids, InstanceIdentity self,
                              TransferSettings transfer) {
        this.sync = sync;
        this.handshakes = handshakes;
        this.transport = transport;
        this.verifier = verifier;
        this.access = access;
        this.events = events;
        this.state = state;
        this.adoption = adoption;
        this.transactions = transactions;
        this.signatures = signatures;
        this.clock = clock;
        this.ids = ids;
        this.self = self;
        this.transfer = transfer;
    }

    /** The other group's verified log, and how many of its events did not verify. */
    private record Foreign(List<Event> log, List<Rejection> rejected, long rejectedCount) {
    }

    @Override
    public ImportReport federateAdopting(String syncEndpoint, String hiveName, boolean push) {
        HiveRecord local = access.hive(hiveName);
        String endpoint = SyncEndpoint.of(syncEndpoint).value();
        if (sync.peerByEndpoint(endpoint).isPresent()) {
            throw HivemeshException.conflict("already_peers", endpoint + " is a standing peer; it syncs without federate");
        }
        PeerRecord temporary = new PeerRecord(ids.id("peer_"), "federation", endpoint, Optional.empty(), Optional.empty(),
                Optional.empty(), PeerSource.MANUAL, PeerStatus.PENDING, 0, Optional.empty(), Optional.empty(), List.of(),
                clock.now(), 0, "federate --adopt");
        sync.savePeer(temporary);
        try {
            HandshakeReply reply = handshakes.session(temporary, hiveName);
            if (reply.syncGroupId().equals(local.groupId())) {
                throw HivemeshException.invalid("hive '" + hiveName + "' is the same group on both sides: federate "
                        + "without --adopt");
            }
            PeerAddress other = new PeerAddress(endpoint, reply.instanceId());
            try {
                Foreign foreign = read(other, reply, push);
                return push ? pushReissued(other, reply, local, foreign) : adoptHere(local, reply, foreign);
            } finally {
                transport.leave(other, reply.syncToken(), reply.syncGroupId());
            }
        } finally {
            sync.peer(temporary.peerId()).ifPresent(p -> sync.deletePeer(p.peerId()));
        }
    }

    /**
     * The other's log, verified. {@code withOurs}: with the events of this instance's origin too, which a pull leaves
     * out by default — what an earlier push re-issued there, so the push can tell which decisions are new there.
     */
    private Foreign read(PeerAddress other, HandshakeReply reply, boolean withOurs) {
        List<Event> log = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        long rejectedCount = 0;
        long since = 0;
        for (boolean more = true; more; ) {
            EventPage page = transport.pull(other, reply.syncToken(), reply.syncGroupId(), since, transfer.pullPage(), 0,
                    withOurs ? Optional.of(Hlc.ZERO) : Optional.empty());
            List<EventVerifier.Verdict> verdicts = verifier.check(page.events(), reply.syncGroupId(), page.keys(),
                    clock.now());
            for (int i = 0; i < verdicts.size(); i++) {
                if (verdicts.get(i) instanceof EventVerifier.Valid valid) {
                    log.add(valid.event());
                } else {
                    rejectedCount++;
                    if (rejected.size() < PortabilityUseCases.MAX_DETAILS) {
                        rejected.add(new Rejection(since + i + 1, reason(verdicts.get(i))));
                    }
                }
            }
            more = page.hasMore() && page.nextSeq() > since;
            since = page.nextSeq();
        }
        return new Foreign(log, rejected, rejectedCount);
    }

    private static String reason(EventVerifier.Verdict verdict) {
        return verdict instanceof EventVerifier.Invalid invalid ? invalid.reason()
                : "its clock is too far ahead of ours; federate again later";
    }

    private ImportReport adoptHere(HiveRecord local, HandshakeReply reply, Foreign foreign) {
        Adoption.Result adopted = transactions.inTransaction(() -> adoption.adopt(local, foreign.log(), reply.lineage()));
        return new ImportReport(local.groupId(), adopted.newEvents(), adopted.duplicates(), 0, adopted.refused(),
                AdoptingImport.flagged(state, local.groupId(), adopted.newDecisionIds()), foreign.rejectedCount(),
                foreign.rejected());
    }

    /** The local log re-issued by this instance into the other's group; what it holds by content is not sent. */
    private ImportReport pushReissued(PeerAddress other, HandshakeReply reply, HiveRecord local, Foreign foreign) {
        // Re-issuing is deterministic: what an earlier push re-issued gets the same IDs again and the receiver counts
        // it duplicate. Matching it by content instead would fold two local creations of equal content into one.
        List<Event> theirsAlone = foreign.log().stream().filter(e -> !e.origin().equals(self.instanceId())).toList();
        Reissue.Result reissued = new Reissue(reply.syncGroupId(), self.instanceId(), theirsAlone).of(log(local));
        List<Event> signed = reissued.events().stream().map(u -> u.signedWith(HexFormat.of().formatHex(
                signatures.sign(self.privateKey(), u.canonicalBytes())))).toList();
        List<JsonObject> wires = signed.stream().map(Event::toJson).toList();
        Map<String, String> keys = new LinkedHashMap<>(Map.of(self.instanceId(), HexFormat.of().formatHex(self.publicKey())));
        long accepted = 0;
        long duplicates = reissued.duplicates();
        long deferred = 0;
        long refused = 0;
        long quarantined = 0;
        for (int from = 0; from < wires.size(); from += transfer.pushBatch()) {
            int to = Math.min(wires.size(), from + transfer.pushBatch());
            PushReply pushed = transport.push(other, reply.syncToken(), reply.syncGroupId(),
                    new PushBatch(wires.subList(from, to), keys, to));
            accepted += pushed.accepted();
            duplicates += pushed.duplicate();
            deferred += pushed.deferred();
            refused += pushed.refused();
            quarantined += pushed.quarantined();
        }
        List<Rejection> rejected = quarantined == 0 ? List.of()
                : List.of(new Rejection(0, quarantined + " events quarantined by " + reply.instanceId()));
        return new ImportReport(reply.syncGroupId(), accepted, duplicates, deferred, refused,
                flaggedThere(new HiveOwner(reply.ownerInstanceId(), reply.ownerAgentId()), foreign.log(), signed),
                quarantined, rejected);
    }

    /**
     * How many of the decisions new to the receiving hive stand in an open contradiction there once they arrive: the
     * projection of its log and ours under its owner, which is what the receiver materializes. Events the receiver
     * defers, quarantines or holds for oversight count as arrived.
     */
    private static long flaggedThere(HiveOwner owner, List<Event> theirs, List<Event> pushed) {
        Set<EventId> held = theirs.stream().map(Event::id).collect(Collectors.toSet());
        List<String> pushedDecisions = pushed.stream()
                .filter(e -> e.type() == EventType.DECISION_RECORDED && !held.contains(e.id()))
                .map(HiveRules::decisionId).toList();
        if (pushedDecisions.isEmpty()) {
            return 0;
        }
        List<Event> both = new ArrayList<>(theirs);
        both.addAll(pushed);
        List<Contradiction> open = HiveState.project(owner, both).contradictions().stream().filter(c -> !c.resolved())
                .toList();
        return pushedDecisions.stream().filter(d -> open.stream()
                .anyMatch(c -> c.decisionA().equals(d) || c.decisionB().equals(d))).count();
    }

    private List<Event> log(HiveRecord hive) {
        List<Event> log = new ArrayList<>();
        long cursor = 0;
        for (List<StoredEvent> page = events.read(hive.groupId(), 0, transfer.pullPage()); !page.isEmpty();
             page = events.read(hive.groupId(), cursor, transfer.pullPage())) {
            page.forEach(s -> log.add(s.event()));
            cursor = page.get(page.size() - 1).seq();
        }
        return log;
    }
}
