package org.hivemesh.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DemoTableTest {
    private static final List<DemoTable.Row> BEHIND = List.of(new DemoTable.Row("#1", 10, 0, 0, "aaaa"),
            new DemoTable.Row("#2", 7, 3, 3, "bbbb"));
    private static final List<DemoTable.Row> CONVERGED = List.of(new DemoTable.Row("#1", 10, 0, 0, "aaaa"),
            new DemoTable.Row("#2", 10, 0, 0, "aaaa"));

    @Test
    void onATerminalEachRedrawMovesUpOverTheLastTableAndClearsEveryLine() {
        DemoTable table = new DemoTable(true);

        String first = table.render(BEHIND);
        String second = table.render(CONVERGED);

        assertThat(first).doesNotContain("\u001b[3A").startsWith("\u001b[2Kinstance");
        assertThat(second).startsWith("\u001b[3A\u001b[2Kinstance");
        assertThat(second.lines()).hasSize(3).allSatisfy(line -> assertThat(line).contains("\u001b[2K"));
        assertThat(second).contains("#2         10");
    }

    @Test
    void offATerminalATableIsPrintedOnlyWhenItChanged() {
        DemoTable table = new DemoTable(false);

        String first = table.render(BEHIND);
        String same = table.render(BEHIND);
        String changed = table.render(CONVERGED);

        assertThat(first).startsWith("instance").doesNotContain("\u001b");
        assertThat(same).isEmpty();
        assertThat(changed).contains("#2         10");
    }
}
