package org.hivemesh.application.portability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8LinesTest {
    private static List<Utf8Lines.Line> lines(byte[] bytes) {
        Utf8Lines reader = new Utf8Lines(new ByteArrayInputStream(bytes));
        List<Utf8Lines.Line> out = new ArrayList<>();
        for (Utf8Lines.Line line = reader.next(); line != null; line = reader.next()) {
            out.add(line);
        }
        return out;
    }

    private static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    @Test
    void splitsOnLfAndCrlfAndKeepsEmptyLinesAndALastLineWithoutNewline() {
        assertThat(lines("a\r\n\nb\u00e9\ud83d\ude00\nlast".getBytes(StandardCharsets.UTF_8))).containsExactly(
                new Utf8Lines.Text("a"), new Utf8Lines.Text(""), new Utf8Lines.Text("b\u00e9\ud83d\ude00"),
                new Utf8Lines.Text("last"));
        assertThat(lines("one\n".getBytes(StandardCharsets.UTF_8))).containsExactly(new Utf8Lines.Text("one"));
        assertThat(lines(new byte[0])).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"c0af", "eda080", "e282", "ff", "f4908080", "80"})
    void aLineThatIsNotUtf8IsReportedWithItsOffsetAndTheNextLineIsStillRead(String bad) {
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.writeBytes("ok\nab".getBytes(StandardCharsets.UTF_8));
        in.writeBytes(bytes(bad));
        in.writeBytes("cd\nafter".getBytes(StandardCharsets.UTF_8));

        assertThat(lines(in.toByteArray())).containsExactly(new Utf8Lines.Text("ok"), new Utf8Lines.Malformed(2),
                new Utf8Lines.Text("after"));
    }

    @Test
    void aSequenceTruncatedByTheEndOfTheStreamIsMalformed() {
        assertThat(lines(bytes("41f09f98"))).containsExactly(new Utf8Lines.Malformed(1));
    }

    @Test
    void linesLongerThanTheReadBufferComeWhole() {
        String longLine = "\u00e9".repeat(100_000);
        byte[] input = (longLine + "\n" + longLine).getBytes(StandardCharsets.UTF_8);

        assertThat(lines(input)).containsExactly(new Utf8Lines.Text(longLine), new Utf8Lines.Text(longLine));
    }
}
