package org.hivemesh.domain.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CadenceTest {
    private static final Instant NIGHT = Instant.parse("2026-11-27T02:00:00Z");
    private final Cadence nightly = new Cadence(Cadence.Mode.NIGHTLY, LocalTime.of(2, 0));
    private final Cadence onOpen = new Cadence(Cadence.Mode.ON_OPEN, LocalTime.of(2, 0));

    @Test
    void continuousIsAlwaysDueAndTakesPushes() {
        assertThat(Cadence.CONTINUOUS.due(NIGHT, Optional.of(NIGHT), Optional.empty())).isTrue();
        assertThat(Cadence.CONTINUOUS.acceptsPushes(NIGHT, Optional.empty())).isTrue();
    }

    @Test
    void nightlyMergesOncePerWindow() {
        assertThat(nightly.due(NIGHT.minusSeconds(1), Optional.empty(), Optional.empty())).isFalse();
        assertThat(nightly.due(NIGHT, Optional.of(NIGHT.minus(Duration.ofDays(1))), Optional.empty())).isTrue();
        assertThat(nightly.due(NIGHT.plusSeconds(600), Optional.of(NIGHT.plusSeconds(60)), Optional.empty())).isFalse();
        assertThat(nightly.due(NIGHT.plus(Duration.ofHours(1)), Optional.empty(), Optional.empty())).isFalse();
        assertThat(nightly.acceptsPushes(NIGHT.plusSeconds(600), Optional.empty())).isTrue();
        assertThat(nightly.acceptsPushes(NIGHT.plus(Duration.ofHours(2)), Optional.empty())).isFalse();
    }

    @Test
    void aWindowOpeningBeforeMidnightStillHoldsJustAfterIt() {
        Cadence late = new Cadence(Cadence.Mode.NIGHTLY, LocalTime.of(23, 30));

        assertThat(late.due(Instant.parse("2026-11-28T00:10:00Z"), Optional.empty(), Optional.empty())).isTrue();
    }

    @Test
    void onOpenMergesWhenTheGroupIsReadAfterBeingIdle() {
        Instant opened = NIGHT.plusSeconds(100);

        assertThat(onOpen.due(NIGHT, Optional.empty(), Optional.empty())).isFalse();
        assertThat(onOpen.due(opened.plusSeconds(1), Optional.of(NIGHT), Optional.of(opened))).isTrue();
        assertThat(onOpen.due(opened.plusSeconds(5), Optional.of(opened.plusSeconds(2)), Optional.of(opened))).isFalse();
        assertThat(onOpen.acceptsPushes(opened.plusSeconds(60), Optional.of(opened))).isTrue();
        assertThat(onOpen.acceptsPushes(opened.plus(Cadence.IDLE), Optional.of(opened))).isFalse();
        assertThat(Cadence.opens(NIGHT, Optional.empty())).isTrue();
        assertThat(Cadence.opens(NIGHT, Optional.of(NIGHT.minusSeconds(60)))).isFalse();
        assertThat(Cadence.opens(NIGHT, Optional.of(NIGHT.minus(Cadence.IDLE)))).isTrue();
    }
}
