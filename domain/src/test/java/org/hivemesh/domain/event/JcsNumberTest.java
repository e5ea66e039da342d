package org.hivemesh.domain.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Jcs.number against ECMAScript's Number.prototype.toString, as derived from JDK 25 by {@link EcmaNumberReference}. */
class JcsNumberTest {
    private record Sample(long bits, String jdk) {
        double value() {
            return Double.longBitsToDouble(bits);
        }
    }

    private static List<Sample> samples() throws IOException {
        return lines(EcmaNumberReference.SAMPLE_FILE).stream().map(line -> {
            String[] fields = line.split("\t");
            return new Sample(Long.parseUnsignedLong(fields[0], 16), fields[1]);
        }).toList();
    }

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = JcsNumberTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static void assertPrintsLikeEcmaScript(Sample sample, String where) {
        assertThat(Jcs.number(sample.value()))
                .as("%s: bits %016x, JDK 25 %s", where, sample.bits(), sample.jdk())
                .isEqualTo(EcmaNumberReference.toEcma(sample.value(), sample.jdk()));
    }

    @Test
    void printsEdgeCasesLikeEcmaScript() throws IOException {
        List<Sample> samples = samples();
        List<Sample> edges = samples.subList(EcmaNumberReference.RANDOM_SAMPLES, samples.size());
        assertThat(edges).hasSize(EcmaNumberReference.edgeCases().size());
        for (Sample sample : edges) {
            assertPrintsLikeEcmaScript(sample, "edge case");
        }
    }

    @Test
    void printsTenMillionRandomDoublesLikeEcmaScript() throws IOException {
        List<Sample> samples = samples();
        MessageDigest digest = EcmaNumberReference.sha256();
        int[] index = {0};
        EcmaNumberReference.randomDoubles(value -> {
            int i = index[0]++;
            if (i < EcmaNumberReference.RANDOM_SAMPLES) {
                // The first ones have a readable reference: a mismatch there is named, not only hashed.
                assertThat(samples.get(i).bits()).as("sample %d is the random stream's", i)
                        .isEqualTo(Double.doubleToRawLongBits(value));
                assertPrintsLikeEcmaScript(samples.get(i), "random double " + i);
            }
            digest.update(EcmaNumberReference.line(Jcs.number(value)).getBytes(StandardCharsets.UTF_8));
        });

        assertThat(HexFormat.of().formatHex(digest.digest()))
                .as("SHA-256 over all %d random doubles (the first %d match the sample)", EcmaNumberReference.COUNT,
                        EcmaNumberReference.RANDOM_SAMPLES)
                .isEqualTo(lines(EcmaNumberReference.DIGEST_FILE).get(0));
    }
}
