package org.hivemesh.domain.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class PeerCursorTest {
    @Property
    void advancingNeverMovesACursorBack(@ForAll @LongRange(max = 1_000_000) long first,
                                        @ForAll @LongRange(max = 1_000_000) long second) {
        PeerCursor cursor = PeerCursor.START.sentUpTo(first).receivedUpTo(first).sentUpTo(second).receivedUpTo(second);

        assertThat(cursor.sent()).isEqualTo(Math.max(first, second));
        assertThat(cursor.received()).isEqualTo(Math.max(first, second));
        assertThat(cursor.remote()).isGreaterThanOrEqualTo(cursor.received());
    }

    @Test
    void lagAndBehindCountWhatEachSideLacks() {
        PeerCursor cursor = new PeerCursor(40, 10, 25);

        assertThat(cursor.lag(100)).isEqualTo(60);
        assertThat(cursor.lag(30)).isZero();
        assertThat(cursor.behind()).isEqualTo(15);
        assertThat(cursor.remoteAt(5).behind()).isZero();
    }

    @Test
    void aJoinerIsOfferedNothingByPushAndARestartKeepsWhatThePeerReported() {
        assertThat(PeerCursor.joinedAt(42)).isEqualTo(new PeerCursor(42, 0, 0));
        assertThat(new PeerCursor(7, 5, 9).restart()).isEqualTo(new PeerCursor(0, 0, 9));
    }

    @Test
    void cursorsAreNeverNegative() {
        assertThatThrownBy(() -> new PeerCursor(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
