package org.hivemesh.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HlcTest {
    @Test
    void sendIsMonotonicEvenWhenTheWallClockGoesBack() {
        Hlc first = Hlc.ZERO.send(1_000);
        Hlc second = first.send(900);
        Hlc third = second.send(2_000);

        assertThat(second).isGreaterThan(first).isEqualTo(new Hlc(1_000, 1));
        assertThat(third).isEqualTo(new Hlc(2_000, 0));
    }

    @Test
    void receiveOrdersLaterLocalEventsAfterARemoteOneFromTheFuture() {
        Hlc local = new Hlc(1_000, 3);
        Hlc remote = new Hlc(5_000, 7);

        Hlc after = local.receive(remote, 1_001);

        assertThat(after).isGreaterThan(remote).isEqualTo(new Hlc(5_000, 8));
        assertThat(after.send(1_002)).isGreaterThan(remote);
    }

    @Test
    void textFormSortsLikeTheClockAndRoundTrips() {
        Hlc a = new Hlc(999, 12);
        Hlc b = new Hlc(1_000, 2);

        assertThat(a.toString().compareTo(b.toString())).isNegative();
        assertThat(Hlc.parse(b.toString())).isEqualTo(b);
        assertThatThrownBy(() -> Hlc.parse("12:3")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFullCounterCarriesIntoTheMillisecondInsteadOfFailing() {
        Hlc full = new Hlc(1_000, 99_999);

        assertThat(full.send(1_000)).isEqualTo(new Hlc(1_001, 0));
        assertThat(full.send(500)).isEqualTo(new Hlc(1_001, 0));
        assertThat(new Hlc(1_000, 5).receive(full, 900)).isEqualTo(new Hlc(1_001, 0));
        assertThat(full.receive(new Hlc(1_000, 3), 1_000)).isGreaterThan(full);
    }
}
