package org.hivemesh.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.hivemesh.bootstrap.cli.GroupArgument.Known;
import org.junit.jupiter.api.Test;

class GroupArgumentTest {
    private static final Known ARCH = new Known("grp_1a2b3c4d5e", "arch");
    private static final Known OPS = new Known("grp_1a2bffff00", "ops");
    private static final Known LAB = new Known("grp_9f9f9f9f9f", "lab");
    private static final List<Known> KNOWN = List.of(ARCH, OPS, LAB);

    @Test
    void aHiveNameAGroupIdAndAUniqueStartOfItNameTheSameGroup() {
        assertThat(List.of("arch", "grp_1a2b3c4d5e", "grp_1a2b3", "1a2b3c")).allSatisfy(given ->
                assertThat(GroupArgument.resolve(given, KNOWN)).isEqualTo(ARCH));
    }

    @Test
    void aStartSharedByTwoGroupsOrTooShortIsRefusedNamingTheCandidates() {
        assertThatThrownBy(() -> GroupArgument.resolve("grp_1a2b", KNOWN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("several group IDs (arch (grp_1a2b3c4d5e), ops (grp_1a2bffff00))");
        assertThatThrownBy(() -> GroupArgument.resolve("9f9", KNOWN)).hasMessageContaining("no hive or group");
        assertThatThrownBy(() -> GroupArgument.resolve("x", List.of())).hasMessageContaining("there are none yet");
    }

    @Test
    void aNameNotKnownHereIsAHiveToFetchButAnUnknownIdIsRefused() {
        assertThat(GroupArgument.hiveName("newcomer", KNOWN)).isEqualTo("newcomer");
        assertThat(GroupArgument.hiveName("grp_9f9f9f", KNOWN)).isEqualTo("lab");
        assertThat(GroupArgument.hiveName("ops", KNOWN)).isEqualTo("ops");
        assertThatThrownBy(() -> GroupArgument.hiveName("grp_0000000000", KNOWN)).hasMessageContaining("no hive or group");
    }
}
