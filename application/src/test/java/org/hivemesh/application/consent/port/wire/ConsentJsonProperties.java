package org.hivemesh.application.consent.port.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hivemesh.application.consent.port.wire.ConsentJsonTest.bytes;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hivemesh.application.consent.port.in.PlanProposal;
import org.hivemesh.domain.consent.Approval;
import org.hivemesh.domain.consent.ApprovalRound;
import org.hivemesh.domain.consent.ApprovalStatus;
import org.hivemesh.domain.consent.MergeKind;
import org.hivemesh.domain.consent.MergePlan;
import org.hivemesh.domain.consent.PlanConflict;
import org.hivemesh.domain.consent.PlanSummary;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.testing.Events;

/** Every plan of every kind, every round, proposal and approval reads back from its bytes as what was written. */
class ConsentJsonProperties {
    @Property(tries = 300)
    void plansReadBackAsTheStoreReadsThem(@ForAll("plans") MergePlan plan) {
        assertThat(ConsentJsonTest.readBack(plan)).isEqualTo(plan);
    }

    @Property(tries = 300)
    void proposalsSurviveTheWire(@ForAll("plans") MergePlan plan) {
        assertThat(ConsentJson.proposal(bytes(ConsentJson.proposal(plan))))
                .isEqualTo(new PlanProposal(plan.planId(), plan.kind().peerInstanceId(), plan.summary()));
    }

    @Property(tries = 300)
    void approvalsSurviveTheWire(@ForAll("approvals") Approval approval) {
        assertThat(ConsentJson.approval(approval.groupId(), bytes(ConsentJson.approval(approval)))).isEqualTo(approval);
    }

    /** Any Unicode text short of lone surrogates, which JSON cannot carry. */
    private static Arbitrary<String> text() {
        return Arbitraries.strings().withCharRange('\u0000', '\uD7FF').withCharRange('\uE000', '\uFFFF').ofMaxLength(12);
    }

    private static Arbitrary<Instant> instants() {
        return Combinators.combine(Arbitraries.longs().between(0, 253402300799L), Arbitraries.integers().between(0, 999_999_999))
                .as(Instant::ofEpochSecond);
    }

    private static Arbitrary<Integer> count() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE);
    }

    private static Arbitrary<PlanSummary> summaries() {
        Arbitrary<PlanConflict> conflict = Combinators.combine(text(), text(), text()).as(PlanConflict::new);
        return Combinators.combine(text(), count().list().ofSize(7), conflict.list().ofMaxSize(3),
                text().list().ofMaxSize(3)).as((method, n, conflicts, triggers) -> new PlanSummary(method, n.get(0),
                n.get(1), n.get(2), n.get(3), conflicts, n.get(4), n.get(5), n.get(6), triggers));
    }

    private static Arbitrary<ApprovalRound> rounds() {
        Arbitrary<Set<String>> members = text().set().ofMaxSize(4);
        return Combinators.combine(text(), members, Arbitraries.maps(text(), instants()).ofMaxSize(4), members,
                instants(), instants(), Arbitraries.of(true, false), Arbitraries.of(ApprovalStatus.class))
                .as(ApprovalRound::new);
    }

    private static Arbitrary<Event> events() {
        Arbitrary<String> origins = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789_.:-")
                .ofMinLength(1).ofMaxLength(128);
        Arbitrary<String> titles = text().filter(title -> !title.isBlank());
        return Combinators.combine(origins, titles, Arbitraries.longs().between(0, 9_999_999_999_999L),
                Arbitraries.integers().between(0, 99_999)).as((origin, title, wall, counter) -> Events.event(origin,
                new Hlc(wall, counter), new EventPayload.PostCreated(title, Optional.of(title), Optional.empty(),
                        Events.agent(origin, "agent"))));
    }

    private static Arbitrary<MergeKind> kinds() {
        return Arbitraries.oneOf(text().map(MergeKind.Join::new),
                Combinators.combine(text(), events().list().ofMaxSize(3)).as(MergeKind.ContentMerge::new),
                Combinators.combine(text(), text()).as(MergeKind.Remote::new));
    }

    @Provide
    Arbitrary<MergePlan> plans() {
        return Combinators.combine(text(), text(), kinds(), summaries(), rounds(), instants()).as(MergePlan::new);
    }

    @Provide
    Arbitrary<Approval> approvals() {
        return Combinators.combine(text(), text(), text(), Arbitraries.of(true, false), text()).as(Approval::new);
    }
}
