package org.hivemesh.bootstrap.cli;

import java.util.List;

/** The demo's live table: redrawn in place on a terminal (ANSI cursor up, clear line), printed anew elsewhere. */
final class DemoTable {
    private static final String UP = "\u001b[%dA";
    private static final String CLEAR_LINE = "\u001b[2K";
    private final boolean terminal;
    private int drawn;
    private String last = "";

    DemoTable(boolean terminal) {
        this.terminal = terminal;
    }

    record Row(String instance, long events, long lag, long behind, String digest) {
    }

    /** What to print for these rows; off a terminal, nothing while they stay as they were. */
    String render(List<Row> rows) {
        StringBuilder table = new StringBuilder(String.format("%-10s %-8s %-6s %-6s %s%n", "instance", "events", "lag",
                "behind", "state digest"));
        rows.forEach(r -> table.append(String.format("%-10s %-8d %-6d %-6d %s%n", r.instance(), r.events(), r.lag(),
                r.behind(), r.digest())));
        String now = table.toString();
        if (!terminal) {
            if (now.equals(last)) {
                return "";
            }
            last = now;
            return now + System.lineSeparator();
        }
        StringBuilder out = new StringBuilder();
        if (drawn > 0) {
            out.append(String.format(UP, drawn));
        }
        now.lines().forEach(line -> out.append(CLEAR_LINE).append(line).append(System.lineSeparator()));
        drawn = rows.size() + 1;
        return out.toString();
    }
}
