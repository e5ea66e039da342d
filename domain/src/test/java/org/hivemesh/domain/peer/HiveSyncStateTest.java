package org.hivemesh.domain.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HiveSyncStateTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void aRefusedHiveIsTriedAgainLaterEachTimeUpToTheCap() {
        HiveSyncState first = HiveSyncState.failing("peer_a", "board", "other lineage", T0, Optional.empty());
        HiveSyncState second = HiveSyncState.failing("peer_a", "board", "other lineage", T0, Optional.of(first));
        HiveSyncState many = second;
        for (int i = 0; i < 30; i++) {
            many = HiveSyncState.failing("peer_a", "board", "other lineage", T0, Optional.of(many));
        }

        assertThat(first.nextAttempt()).isEqualTo(T0.plus(HiveSyncState.FIRST_RETRY));
        assertThat(second.nextAttempt()).isEqualTo(T0.plus(HiveSyncState.FIRST_RETRY.multipliedBy(2)));
        assertThat(many.nextAttempt()).isEqualTo(T0.plus(HiveSyncState.MAX_RETRY));
        assertThat(many.failures()).isEqualTo(32);
        assertThat(first.isDue(T0)).isFalse();
        assertThat(first.isDue(T0.plusSeconds(5))).isTrue();
    }

    @Test
    void aPendingJoinIsAskedAgainEveryRoundAndKeepsWhenItStarted() {
        HiveSyncState pending = HiveSyncState.pending("peer_a", "board", "plan_1", "waits for inst_b", T0, Optional.empty());
        HiveSyncState later = HiveSyncState.pending("peer_a", "board", "plan_1", "waits for inst_b",
                T0.plus(Duration.ofMinutes(3)), Optional.of(pending));

        assertThat(pending.isDue(T0)).isTrue();
        assertThat(later.since()).isEqualTo(T0);
        assertThat(later.planId()).contains("plan_1");
    }

    @Test
    void aTurnedDownJoinIsNeverAskedAgainByItself() {
        HiveSyncState down = HiveSyncState.turnedDown("peer_a", "board", Optional.of("plan_1"), "rejected", T0);

        assertThat(down.isDue(T0.plus(Duration.ofDays(365)))).isFalse();
    }
}
