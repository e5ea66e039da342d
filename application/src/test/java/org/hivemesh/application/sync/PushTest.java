package org.hivemesh.application.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.hivemesh.application.fakes.InMemoryPeerTransport;
import org.hivemesh.application.fakes.InMemoryPeerTransport.Call;
import org.hivemesh.application.fakes.TestSync;
import org.hivemesh.application.sync.port.out.PeerTransport;
import org.hivemesh.application.sync.port.out.SyncStore.PeerLink;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pushing what a peer lacks of our log, in acknowledged windows of batches. */
class PushTest {
    private static final int BATCH = 2;

    private final InMemoryPeerTransport.Network network = new InMemoryPeerTransport.Network();
    private final TestSync.Settings settings = TestSync.Settings.defaults().with(new TransferSettings(BATCH, 50));
    private final TestSync there = new TestSync("there", network, settings);
    private final TestSync here = new TestSync("here", network, settings);
    private String group;

    @BeforeEach
    void hereHasJoinedAndWrittenSevenPosts() {
        group = there.share("lab");
        here.join(there, "lab");
        here.post("lab", 7);
    }

    private PeerLink link() {
        return here.linkWith(there, group);
    }

    private int push() {
        return here.push.to(here.peerOf(there), link());
    }

    private List<Integer> pushedBatches() {
        return here.transport.calls("push").stream().map(Call::events).toList();
    }

    @Test
    void everythingThePeerLacksGoesInBatchesAndTheCursorFollowsTheAcknowledgements() {
        long theirs = there.count(group);

        int sent = push();

        assertThat(sent).isEqualTo(7);
        assertThat(pushedBatches()).containsExactly(2, 2, 2, 1);
        assertThat(there.count(group)).isEqualTo(theirs + 7);
        assertThat(link().cursor().sent()).isEqualTo(here.app.stores.events().currentSeq(group));
        assertThat(link().lastSync()).contains(here.app.clock.now());
        assertThat(push()).as("nothing is pending any more").isZero();
    }

    @Test
    void theEventsOfThePeerItselfAreNotSentBackButTheCursorPassesThem() {
        here.catchUp.from(here.peerOf(there), link(), "test");
        push();
        there.post("lab", 3);
        here.catchUp.from(here.peerOf(there), link(), "test");
        here.post("lab", 1);
        int callsBefore = pushedBatches().size();

        int sent = push();

        assertThat(sent).isEqualTo(1);
        assertThat(pushedBatches().subList(callsBefore, pushedBatches().size())).containsExactly(1);
        assertThat(link().cursor().sent()).isEqualTo(here.app.stores.events().currentSeq(group));
        assertThat(here.digest(group)).isEqualTo(there.digest(group));
    }

    @Test
    void aLostAcknowledgementCostsOnlyAResendAndNothingIsStoredTwice() {
        long theirs = there.count(group);
        here.transport.loseNextReply(call -> call.operation().equals("push") && pushedBatches().size() == 2,
                new PeerTransport.PeerUnavailable("reply lost", null));

        assertThatThrownBy(this::push).isInstanceOf(PeerTransport.PeerUnavailable.class);
        assertThat(link().cursor().sent()).as("an unacknowledged window does not move the cursor").isZero();
        long afterFailure = there.count(group);

        int sent = push();

        assertThat(afterFailure).isGreaterThan(theirs);
        assertThat(sent).isEqualTo(7);
        assertThat(there.count(group)).isEqualTo(theirs + 7);
        assertThat(link().cursor().sent()).isEqualTo(here.app.stores.events().currentSeq(group));
    }

    @Test
    void aPeerOnALaterCadenceKeepsOurCursorAndGetsTheEventsWhenItIsDue() {
        long theirs = there.count(group);
        there.cadence.acceptPushes(false);

        assertThat(push()).isZero();
        assertThat(link().cursor().sent()).isZero();
        assertThat(there.count(group)).isEqualTo(theirs);

        there.cadence.acceptPushes(true);
        assertThat(push()).isEqualTo(7);
        assertThat(there.count(group)).isEqualTo(theirs + 7);
    }

    @Test
    void aPeerThatNoLongerSharesTheGroupRefusesAndTheCursorStays() {
        there.sync.unlink(there.peerOf(here).peerId(), group);
        long theirs = there.count(group);

        assertThatThrownBy(this::push).isInstanceOfSatisfying(PeerTransport.PeerRefused.class,
                e -> assertThat(e.status()).isEqualTo(403));
        assertThat(link().cursor().sent()).isZero();
        assertThat(there.count(group)).isEqualTo(theirs);
    }
}
