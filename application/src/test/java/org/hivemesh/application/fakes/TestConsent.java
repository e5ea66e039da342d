package org.hivemesh.application.fakes;

import java.time.Duration;
import org.hivemesh.application.consent.Admission;
import org.hivemesh.application.consent.ConsentProtocol;
import org.hivemesh.application.consent.ConsentSettings;
import org.hivemesh.application.consent.MemberMessages;
import org.hivemesh.application.consent.MergePlanner;
import org.hivemesh.application.consent.OversightStaging;
import org.hivemesh.application.consent.PlanBook;
import org.hivemesh.application.consent.PlanDecisions;
import org.hivemesh.application.consent.RosterLog;
import org.hivemesh.application.consent.Rosters;
import org.hivemesh.application.consent.Succession;
import org.hivemesh.application.consent.SuccessionSettings;
import org.hivemesh.application.consent.port.out.ConsentStore;
import org.hivemesh.application.content.MergeAudit;
import org.hivemesh.application.shared.port.out.Transactions;
import org.hivemesh.application.sync.GroupOversight;
import org.hivemesh.application.sync.port.out.PeerTransport;
import org.hivemesh.application.sync.port.out.SyncStore;
import org.hivemesh.domain.consent.ApprovalRound;
import org.hivemesh.domain.consent.OversightPolicy;

/**
 * One instance's consent services wired on the fakes of a {@link TestApplication}, as bootstrap's ConsentModule wires
 * them: the join gate, the merge gate, plan decisions, rosters, and the protocol members speak over /sync/v1.
 */
public final class TestConsent {
    /**
     * {@link #defaults()}: the shipped defaults (prune after 4 hours, no oversight on joins, no oversight triggers).
     * {@code oversight}: the configured policy groups created here start with.
     */
    public record Settings(ConsentSettings consent, OversightPolicy oversight) {
        public static Settings defaults() {
            return new Settings(new ConsentSettings(ApprovalRound.PRUNE_AFTER), OversightPolicy.NONE);
        }

        public Settings pruneAfter(Duration pruneAfter) {
            return new Settings(new ConsentSettings(pruneAfter), oversight);
        }

        public Settings oversightOnJoin(boolean on) {
            return new Settings(consent, oversight.withOnJoin(on));
        }

        public Settings with(OversightPolicy policy) {
            return new Settings(consent, policy);
        }

        /** The shipped owner_silence_limit. */
        public SuccessionSettings succession() {
            return new SuccessionSettings(Duration.ofDays(30));
        }
    }

    public final ConsentStore store;
    public final GroupOversight oversight;
    public final PlanBook plans;
    public final MergePlanner planner;
    public final MemberMessages messages;
    public final Admission admission;
    public final OversightStaging staging;
    public final PlanDecisions decisions;
    public final Rosters rosters;
    public final ConsentProtocol protocol;
    public final RosterLog rosterLog;
    public final Succession succession;

    public TestConsent(TestApplication app, PeerTransport transport, MergeAudit merges, Settings settings) {
        store = app.stores.consent();
        oversight = new GroupOversight(app.stores.oversight(), settings.oversight());
        SyncStore sync = app.stores.sync();
        Transactions tx = app.stores.transactions();
        plans = new PlanBook(store, app.clock, app.ids, settings.consent(), app.identity);
        planner = new MergePlanner(app.stores.events(), app.stores.state(), oversight);
        rosterLog = new RosterLog(app.access, app.stores.state(), store, app.writer, app.identity);
        succession = new Succession(rosterLog, app.stores.events(), tx, app.audit, app.clock, app.identity,
                settings.succession());
        messages = new MemberMessages(sync, store, transport, app.signatures, app.identity, rosterLog, succession,
                oversight);
        admission = new Admission(store, plans, sync, app.stores.events(), tx, app.audit, merges, messages, app.clock,
                app.identity, oversight, rosterLog);
        staging = new OversightStaging(sync, store, plans, planner, app.writer, app.stores.hives(), app.audit, merges,
                app.clock, app.identity, oversight, messages, tx, rosterLog);
        decisions = new PlanDecisions(plans, staging, messages, tx, app.audit, app.clock, app.identity);
        rosters = new Rosters(store, sync, plans, messages, tx, app.audit, app.identity, rosterLog);
        protocol = new ConsentProtocol(sync, store, plans, app.signatures, tx, app.audit, app.clock, app.identity,
                staging, admission, oversight);
    }
}
