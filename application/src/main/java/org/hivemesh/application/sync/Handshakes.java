package org.hivemesh.application.sync;

import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.hivemesh.application.content.Adoption;
import org.hivemesh.application.content.port.out.HiveRecord;
import org.hivemesh.application.content.port.out.HiveStore;
import org.hivemesh.application.shared.Audit;
import org.hivemesh.application.shared.Secrets;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.port.out.Clock;
import org.hivemesh.application.shared.port.out.IdGenerator;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.application.sync.port.out.OwnEndpoint;
import org.hivemesh.application.sync.port.out.PeerTransport;
import org.hivemesh.application.sync.port.out.SyncSignals;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.application.sync.port.wire.HandshakeReply;
import org.hivemesh.application.sync.port.wire.HandshakeRequest;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.group.Consent;
import org.hivemesh.domain.group.SyncGroup;
import org.hivemesh.domain.peer.InstanceIds;
import org.hivemesh.domain.peer.PeerStatus;

/** The joining side of the handshake: one round trip gives each side a token for calling the other. */
public final class Handshakes {
    private final SyncStore sync;
    private final HiveStore hives;
    private final PeerTransport transport;
    private final Transactions transactions;
    private final Audit audit;
    private final IdGenerator ids;
    private final Clock clock;
    private final InstanceIdentity self;
    private final OwnEndpoint ownEndpoint;
    private final SyncSignals signals;
    private final Duration tokenTtl;
    private final Adoption adoption;
    private final GroupOversight oversight;

    /** {@code tokenTtl}: how long the token this side issues to the peer is valid. */
    @Inject
    public Handshakes(SyncStore sync, HiveStore hives, PeerTransport transport, Transactions transactions, Audit audit,
                      IdGenerator ids, Clock clock, InstanceIdentity self, OwnEndpoint ownEndpoint, SyncSignals signals,
                      HandshakeService.Settings settings, Adoption adoption, GroupOversight oversight) {
        this.oversight = oversight;
        this.adoption = adoption;
        this.tokenTtl = settings.syncTokenTtl();
        this.ids = ids;
        this.sync = sync;
        this.hives = hives;
        this.transport = transport;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
        this.self = self;
        this.ownEndpoint = ownEndpoint;
        this.signals = signals;
    }

    /**
     * Finds out who answers at the peer's endpoint, then handshakes signed for that instance; the reply must be
     * signed by it too. A peer entry pinned to one instance is never handed to another.
     */
    public SyncGroup join(PeerRecord peer, String hiveName) {
        return join(peer, hiveName, false);
    }

    /** {@code newPlan}: an admin asks again after a governed group turned the last join down. */
    public SyncGroup join(PeerRecord peer, String hiveName, boolean newPlan) {
        Session session = session(peer, hiveName, newPlan);
        return link(peer, hiveName, session.reply(), session.token(), session.issued());
    }

    /** A verified handshake with the peer: its reply, and the token issued to it (stored for {@code peer} here). */
    public record Session(HandshakeReply reply, String token, Instant issued) {
    }

    /**
     * Handshakes for {@code hiveName} without taking the group here: for an exchange with a group of another lineage
     * (federate --adopt), whose events are re-issued rather than linked.
     */
    public HandshakeReply session(PeerRecord peer, String hiveName) {
        return session(peer, hiveName, false).reply();
    }

    private Session session(PeerRecord peer, String hiveName, boolean newPlan) {
        PeerTransport.Identity answering = transport.identify(peer.syncEndpoint());
        if (answering.instanceId().equals(self.instanceId())) {
            throw HivemeshException.invalid(peer.syncEndpoint() + " is this instance");
        }
        if (peer.instanceId().map(pinned -> !pinned.equals(answering.instanceId())).orElse(false)) {
            throw HivemeshException.conflict("peer_identity_changed", peer.syncEndpoint() + " now answers as "
                    + answering.instanceId() + ", but this peer is " + peer.instanceId().get()
                    + "; delete the peer and add it again if that is intended");
        }
        String token = ids.secret("hst_");
        // Stored before it is handed out: a join that fails here afterwards must not leave the peer a token we never kept.
        Instant issued = clock.now();
        transactions.inTransaction(() -> {
            sync.addInboundToken(peer.peerId(), Secrets.hash(token), issued, issued.plus(tokenTtl));
            return null;
        });
        HandshakeReply reply = transport.handshake(new PeerTransport.PeerAddress(peer.syncEndpoint(),
                answering.instanceId()), new HandshakeRequest(hiveName, self.instanceId(),
                self.publicKeyHex(), ownEndpoint.syncEndpoint().orElse(null), token, newPlan));
        byte[] key;
        try {
            key = HexFormat.of().parseHex(reply.signingKey());
        } catch (IllegalArgumentException e) {
            throw HivemeshException.invalid("peer sent a signing key that is not hex");
        }
        if (!reply.instanceId().equals(answering.instanceId()) || !InstanceIds.matches(reply.instanceId(), key)) {
            throw HivemeshException.invalid("the handshake reply is not from " + answering.instanceId());
        }
        return new Session(reply, token, issued);
    }

    private SyncGroup link(PeerRecord peer, String hiveName, HandshakeReply reply, String token, Instant issued) {
        SyncGroup group = transactions.inTransaction(() -> {
            Optional<HiveRecord> local = hives.byName(hiveName);
            HiveRecord theirs = new HiveRecord(hiveName, reply.syncGroupId(), reply.ownerInstanceId(),
                    reply.ownerAgentId(), clock.now());
            if (local.isPresent() && !local.get().groupId().equals(reply.syncGroupId()) && adoptsOnFirstSync(local.get())) {
                Adoption.Result adopted = adoption.rehome(local.get(), theirs);
                audit.record("offline_hive_adopted", Optional.of(reply.syncGroupId()), "admin", JsonObject.builder()
                        .put("hive", hiveName).put("local_group", local.get().groupId()).put("new", adopted.newEvents())
                        .put("duplicate", adopted.duplicates()).build());
                local = hives.byName(hiveName);
            }
            if (local.isPresent() && !local.get().groupId().equals(reply.syncGroupId())) {
                throw HivemeshException.conflict("hive_name_taken", "hive '" + hiveName + "' here belongs to group "
                        + local.get().groupId() + ", the peer's to " + reply.syncGroupId());
            }
            if (local.isEmpty()) {
                hives.create(theirs);
            }
            SyncGroup joined = sync.group(reply.syncGroupId()).orElseGet(() -> {
                SyncGroup created = new SyncGroup(reply.syncGroupId(), hiveName, reply.ownerInstanceId(),
                        Consent.fromWire(reply.consent()), reply.method(), reply.lineage());
                sync.createGroup(created, clock.now());
                reply.oversight().ifPresentOrElse(p -> oversight.adopt(created.groupId(), p),
                        () -> oversight.created(created.groupId()));
                return created;
            });
            // The owner's policy is the group's: a member takes a change of it at its next handshake with the owner.
            if (reply.instanceId().equals(reply.ownerInstanceId())) {
                reply.oversight().ifPresent(p -> oversight.adopt(joined.groupId(), p));
            }
            if (!joined.method().equals(reply.method())) {
                throw HivemeshException.conflict("method_mismatch", "group " + joined.groupId() + " merges by '"
                        + joined.method() + "' here and by '" + reply.method() + "' at the peer");
            }
            PeerRecord target = sync.peerByInstance(reply.instanceId()).filter(p -> !p.peerId().equals(peer.peerId()))
                    .map(existing -> {
                        sync.deletePeer(peer.peerId());
                        return existing;
                    }).orElse(peer);
            List<String> shared = new ArrayList<>(target.sharedHives());
            peer.sharedHives().stream().filter(h -> !shared.contains(h)).forEach(shared::add);
            if (!shared.contains(hiveName)) {
                shared.add(hiveName);
            }
            PeerRecord updated = new PeerRecord(target.peerId(), target.name(), peer.syncEndpoint(),
                    Optional.of(reply.instanceId()), Optional.of(reply.signingKey()), Optional.of(reply.syncToken()),
                    target.source(), PeerStatus.ACTIVE, 0, Optional.of(clock.now()), Optional.empty(), shared,
                    target.createdAt(), target.learnedTtl(), target.discoveredVia());
            sync.savePeer(updated);
            if (!updated.peerId().equals(peer.peerId())) {
                sync.addInboundToken(updated.peerId(), Secrets.hash(token), issued, issued.plus(tokenTtl));
            }
            sync.rememberKey(reply.instanceId(), reply.signingKey());
            sync.link(updated.peerId(), joined.groupId());
            sync.findLink(updated.peerId(), joined.groupId()).filter(l -> l.cursor().remote() < reply.currentSeq())
                    .ifPresent(l -> sync.updateLink(l.with(l.cursor().remoteAt(reply.currentSeq()), l.lastSync())));
            audit.record("group_joined", Optional.of(joined.groupId()), "admin", JsonObject.builder()
                    .put("peer_id", updated.peerId()).put("peer_instance_id", reply.instanceId()).put("hive", hiveName)
                    .build());
            transactions.afterCommit(() -> signals.peerChanged(updated.peerId()));
            return joined;
        });
        return group;
    }

    /**
     * A store that serves nothing (the CLI's, recording offline) adopts a hive it has never shared into the server's
     * hive of that name on its first sync; a server never merges hives merely because their names match.
     */
    private boolean adoptsOnFirstSync(HiveRecord local) {
        return ownEndpoint.syncEndpoint().isEmpty() && sync.group(local.groupId()).isEmpty();
    }
}
