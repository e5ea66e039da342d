package org.hivemesh.application.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.event.OwnerTransferred;
import org.hivemesh.domain.event.RosterAction;
import org.hivemesh.domain.event.RosterChanged;
import org.hivemesh.domain.event.Stakes;
import org.hivemesh.domain.event.UnsignedEvent;
import org.hivemesh.domain.hive.Contradiction;
import org.hivemesh.domain.hive.HiveRules;
import org.hivemesh.domain.testing.Events;
import org.junit.jupiter.api.Test;

/** Re-issuing another lineage into a group: new IDs, same HLCs and authors, and what is there already is reused. */
class ReissueTest {
    private static final String HERE = "inst_here";
    private static final String THERE = "inst_there";
    private static final AgentRef ANN_THERE = new AgentRef(THERE, "agt_ann", "ann");
    private static final AgentRef ANN_HERE = new AgentRef(HERE, "agt_ann", "ann");

    private static EventPayload.DecisionRecorded decision(String choice, AgentRef author) {
        return new EventPayload.DecisionRecorded("db", choice, "we pick " + choice, 0.8, "arch", Stakes.MEDIUM, author);
    }

    private static Event signed(UnsignedEvent unsigned) {
        return unsigned.signedWith(Events.UNCHECKED_SIGNATURE);
    }

    @Test
    void aDecisionAlreadyThereByAuthorAndContentIsNotReissuedAndWhatRefersToItPointsAtIt() {
        Event ours = Events.event("grp_here", HERE, new Hlc(10, 0), decision("pg", ANN_HERE));
        Event theirsSame = Events.event("grp_there", THERE, new Hlc(20, 0), decision("pg", ANN_THERE));
        Event theirsOther = Events.event("grp_there", THERE, new Hlc(21, 0),
                decision("mongo", ANN_THERE));
        String conflict = Contradiction.idFor(HiveRules.decisionId(theirsSame), HiveRules.decisionId(theirsOther));
        Event review = Events.event("grp_there", THERE, new Hlc(22, 0),
                new EventPayload.DecisionReviewed(conflict, HiveRules.decisionId(theirsSame), "sql", ANN_THERE));

        Reissue.Result result = new Reissue("grp_here", HERE, List.of(ours))
                .of(List.of(review, theirsOther, theirsSame));

        assertThat(result.duplicates()).isEqualTo(1);
        assertThat(result.events()).hasSize(2);
        Event other = signed(result.events().get(0));
        assertThat(other.group()).isEqualTo("grp_here");
        assertThat(other.origin()).isEqualTo(HERE);
        assertThat(other.hlc()).isEqualTo(theirsOther.hlc());
        assertThat(other.payload()).isEqualTo(decision("mongo", ANN_HERE));
        EventPayload.DecisionReviewed reissuedReview = (EventPayload.DecisionReviewed) result.events().get(1).payload();
        assertThat(reissuedReview.keepDecisionId()).isEqualTo(HiveRules.decisionId(ours));
        assertThat(reissuedReview.conflictId())
                .isEqualTo(Contradiction.idFor(HiveRules.decisionId(ours), HiveRules.decisionId(other)));
        assertThat(reissuedReview.reviewer()).isEqualTo(ANN_HERE);
    }

    @Test
    void reissuingTheSameLogTwiceGivesTheSameEvents() {
        List<Event> log = List.of(Events.event("grp_there", THERE, new Hlc(5, 1),
                new EventPayload.PostCreated("t", Optional.of("body"), Optional.empty(), ANN_THERE)));

        assertThat(new Reissue("grp_here", HERE, List.of()).of(log).events().stream().map(u -> signed(u).id()).toList())
                .isEqualTo(new Reissue("grp_here", HERE, List.of()).of(log).events().stream().map(u -> signed(u).id())
                        .toList());
    }

    @Test
    void rosterAndOwnershipEventsStayWithTheirGroup() {
        AgentRef thereInstance = new AgentRef(THERE, "instance", "instance");
        Event admitted = Events.event("grp_there", THERE, new Hlc(30, 0), new RosterChanged("inst_other",
                RosterAction.ADMITTED, Optional.empty(), thereInstance));
        Event transferred = Events.event("grp_there", THERE, new Hlc(31, 0), new OwnerTransferred(
                new AgentRef("inst_other", "instance", "instance"), thereInstance));
        Event theirs = Events.event("grp_there", THERE, new Hlc(32, 0), decision("pg", ANN_THERE));

        Reissue.Result result = new Reissue("grp_here", HERE, List.of()).of(List.of(admitted, transferred, theirs));

        assertThat(result.events()).singleElement().satisfies(e -> assertThat(e.payload()).isEqualTo(decision("pg", ANN_HERE)));
    }
}
