package org.hivemesh.application.consent;

import jakarta.inject.Inject;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.hivemesh.application.consent.port.out.ConsentStore;
import org.hivemesh.application.consent.port.wire.ConsentJson;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.shared.port.out.Signatures;
import org.hivemesh.application.sync.GroupOversight;
import org.hivemesh.application.sync.port.out.PeerTransport;
import org.hivemesh.application.sync.port.out.RosterDelivery;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.application.sync.port.wire.RosterMessage;
import org.hivemesh.domain.consent.Approval;
import org.hivemesh.domain.consent.MergeKind;
import org.hivemesh.domain.consent.MergePlan;
import org.hivemesh.domain.group.Consent;

/**
 * What this instance sends the other members of a governed group: as owner, each plan to the roster and each roster
 * change to the members; as member, its signed answer to the owner, and its succession claim once the owner is silent. Proposals and rosters are best effort — a member
 * that is down gets the roster on the next round and is pruned from a plan if it stays silent.
 */
public final class MemberMessages implements RosterDelivery {
    private static final System.Logger LOG = System.getLogger(MemberMessages.class.getName());

    private final SyncStore sync;
    private final PeerTransport transport;
    private final Signatures signatures;
    private final InstanceIdentity self;
    private final RosterLog rosters;
    private final Succession succession;
    private final GroupOversight oversight;
    private final ConsentStore plans;
    /**
     * The roster and policy each member last acknowledged, by group and member; lost on restart, which only costs a
     * resend.
     */
    private final Map<String, RosterMessage> rosterDelivered = new ConcurrentHashMap<>();
    /** "plan member" for each proposal a member took; plans are few, so this needs no bound. */
    private final Set<String> proposalsDelivered = ConcurrentHashMap.newKeySet();

    @Inject
    public MemberMessages(SyncStore sync, ConsentStore plans, PeerTransport transport, Signatures signatures,
                          InstanceIdentity self, RosterLog rosters, Succession succession, GroupOversight oversight) {
        this.oversight = oversight;
        this.sync = sync;
        this.plans = plans;
        this.rosters = rosters;
        this.succession = succession;
        this.transport = transport;
        this.signatures = signatures;
        this.self = self;
    }

    /**
     * Sends the plan to every member whose answer it waits for. A member this instance cannot reach yet (no session
     * with it, or unreachable) gets it on a later round: see {@link #beforeRound}.
     */
    public void propose(MergePlan plan) {
        for (String member : plan.round().waitingFor()) {
            sync.peerByInstance(member).ifPresent(peer -> proposeTo(peer, plan));
        }
    }

    private void proposeTo(PeerRecord member, MergePlan plan) {
        String delivered = plan.planId() + " " + member.instanceId().orElse("");
        if (member.outboundToken().isEmpty() || proposalsDelivered.contains(delivered)) {
            return;
        }
        try {
            transport.proposePlan(member.address(), member.outboundToken().get(), plan.groupId(), ConsentJson.proposal(plan));
            proposalsDelivered.add(delivered);
        } catch (RuntimeException unreachable) {
            LOG.log(System.Logger.Level.INFO, "could not propose plan {0} to {1}, will retry: {2}", plan.planId(),
                    member.instanceId().orElse(member.peerId()), unreachable.getMessage());
        }
    }

    /** The open plans of this instance that wait for the member's answer, and that it did not take yet. */
    private void proposeOpenPlans(PeerRecord member, String groupId) {
        String instance = member.instanceId().orElse("");
        for (MergePlan plan : plans.plans(groupId)) {
            if (plan.isOpen() && !(plan.kind() instanceof MergeKind.Remote) && plan.round().waitingFor().contains(instance)) {
                proposeTo(member, plan);
            }
        }
    }

    /** The owner tells every linked member the roster after each change. */
    public void broadcastRoster(String groupId) {
        for (SyncStore.PeerLink link : sync.linksOfGroup(groupId)) {
            sync.peer(link.peerId()).ifPresent(peer -> beforeRound(peer, groupId));
        }
    }

    /**
     * Sends the roster and the group's oversight policy to a member of a group this instance owns unless that member
     * already acknowledged these very ones; called on every sync round as well, so a member that missed a change of
     * either gets it once it is reachable.
     */
    @Override
    public void beforeRound(PeerRecord member, String groupId) {
        boolean governed = sync.group(groupId).map(g -> g.consent() == Consent.ROSTER).orElse(false);
        if (governed) {
            proposeOpenPlans(member, groupId);
        }
        if (governed && !rosters.ownedHere(groupId)) {
            claimIfOwnerSilent(groupId);
        }
        boolean owned = governed && rosters.ownedHere(groupId);
        List<String> members = List.copyOf(rosters.roster(groupId).active());
        String instance = member.instanceId().orElse("");
        String key = groupId + " " + instance;
        if (!owned || member.outboundToken().isEmpty() || !members.contains(instance)) {
            return;
        }
        RosterMessage roster = new RosterMessage(members, Optional.of(oversight.of(groupId)));
        if (roster.equals(rosterDelivered.get(key))) {
            return;
        }
        try {
            transport.sendRoster(member.address(), member.outboundToken().get(), groupId, roster);
            rosterDelivered.put(key, roster);
        } catch (RuntimeException unreachable) {
            LOG.log(System.Logger.Level.INFO, "could not send the roster of {0} to {1}, will retry: {2}", groupId,
                    instance, unreachable.getMessage());
        }
    }

    /** A member checks on every round whether the owner has gone silent; a claim that is refused is only logged. */
    private void claimIfOwnerSilent(String groupId) {
        try {
            succession.claimIfSilent(groupId).ifPresent(successor -> LOG.log(System.Logger.Level.INFO,
                    "the owner of {0} has been silent: claimed succession for {1}", groupId, successor.instanceId()));
        } catch (HivemeshException refused) {
            LOG.log(System.Logger.Level.WARNING, "succession claim for {0} refused: {1}", groupId, refused.getMessage());
        }
    }

    /**
     * This member's signed answer to a plan the owner proposed; refused if there is no session with the owner, and
     * when the owner refuses it or cannot be reached, so the admin learns why instead of an internal error.
     */
    public void answer(MergePlan plan, String owner, boolean approve) {
        PeerRecord peer = sync.peerByInstance(owner).filter(p -> p.outboundToken().isPresent())
                .orElseThrow(() -> HivemeshException.conflict("owner_unknown", "no session with the group's owner " + owner));
        byte[] signed = Approval.signingBytes(plan.groupId(), plan.planId(), self.instanceId(), approve);
        Approval approval = new Approval(plan.groupId(), plan.planId(), self.instanceId(), approve,
                HexFormat.of().formatHex(signatures.sign(self.privateKey(), signed)));
        try {
            transport.sendApproval(peer.address(), peer.outboundToken().get(), plan.groupId(),
                    ConsentJson.approval(approval));
        } catch (PeerTransport.PeerRefused e) {
            throw HivemeshException.conflict("owner_refused", "the group's owner " + owner + " refused the answer ("
                    + e.code() + "): " + e.getMessage());
        } catch (PeerTransport.PeerUnavailable e) {
            throw HivemeshException.conflict("owner_unreachable", "could not reach the group's owner " + owner + ": "
                    + e.getMessage());
        }
    }
}
