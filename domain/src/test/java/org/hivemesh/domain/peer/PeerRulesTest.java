package org.hivemesh.domain.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PeerRulesTest {
    @Test
    void aPeerIsUnreachableAfterAFailureAndInErrorFromTheTenthOn() {
        assertThat(PeerStatus.afterFailures(0)).isEqualTo(PeerStatus.ACTIVE);
        assertThat(PeerStatus.afterFailures(1)).isEqualTo(PeerStatus.UNREACHABLE);
        assertThat(PeerStatus.afterFailures(9)).isEqualTo(PeerStatus.UNREACHABLE);
        assertThat(PeerStatus.afterFailures(10)).isEqualTo(PeerStatus.ERROR);
    }

    @Test
    void anInstanceIdIsBoundToItsPublicKey() {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        byte[] other = key.clone();
        other[0] = 8;
        String id = InstanceIds.fromPublicKey(key);

        assertThat(id).startsWith("inst_").hasSize(25);
        assertThat(InstanceIds.matches(id, key)).isTrue();
        assertThat(InstanceIds.matches(id, other)).isFalse();
        assertThat(InstanceIds.matches(id, new byte[31])).isFalse();
        assertThat(InstanceIds.matches(id, null)).isFalse();
    }
}
