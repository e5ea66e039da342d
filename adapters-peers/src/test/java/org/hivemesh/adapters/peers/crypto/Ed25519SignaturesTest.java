package org.hivemesh.adapters.peers.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.hivemesh.application.contract.SignaturesContract;
import org.hivemesh.application.shared.port.out.Signatures;
import org.junit.jupiter.api.Test;

/** The port's contract, and the published test vectors on top. */
class Ed25519SignaturesTest extends SignaturesContract {
    private static final Path VECTORS = Path.of(System.getProperty("hivemesh.testdata", "../testdata"), "ed25519");
    private static final HexFormat HEX = HexFormat.of();
    private final Ed25519Signatures ed25519 = new Ed25519Signatures();

    @Override
    protected Signatures signatures() {
        return ed25519;
    }

    @Test
    void everyWycheproofVectorGetsTheExpectedVerdict() throws IOException {
        JsonNode root = new ObjectMapper().readTree(VECTORS.resolve("wycheproof_ed25519_test.json").toFile());
        List<String> wrong = new ArrayList<>();
        int count = 0;
        for (JsonNode group : root.get("testGroups")) {
            byte[] publicKey = HEX.parseHex(group.get("publicKey").get("pk").asText());
            for (JsonNode test : group.get("tests")) {
                count++;
                boolean expected = test.get("result").asText().equals("valid");
                boolean actual = ed25519.verify(publicKey, HEX.parseHex(test.get("msg").asText()),
                        HEX.parseHex(test.get("sig").asText()));
                if (actual != expected) {
                    wrong.add("tcId " + test.get("tcId").asInt() + " (" + test.get("comment").asText() + ")");
                }
            }
        }

        assertThat(count).isEqualTo(root.get("numberOfTests").asInt()).isEqualTo(151);
        assertThat(wrong).isEmpty();
    }

    @Test
    void everySupercopVectorSignsToTheExpectedBytesAndVerifies() throws IOException {
        List<String> lines = Files.readAllLines(VECTORS.resolve("supercop-sign.input"));
        int checked = 0;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split(":", -1);
            byte[] seed = HEX.parseHex(parts[0].substring(0, 64));
            byte[] publicKey = HEX.parseHex(parts[1]);
            byte[] message = HEX.parseHex(parts[2]);
            byte[] expected = HEX.parseHex(parts[3].substring(0, 128));

            byte[] signature = ed25519.sign(seed, message);

            assertThat(signature).as("line %d", checked + 1).isEqualTo(expected);
            assertThat(ed25519.verify(publicKey, message, signature)).isTrue();
            checked++;
        }
        assertThat(checked).isEqualTo(1024);
    }
}
