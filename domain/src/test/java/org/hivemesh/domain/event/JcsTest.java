package org.hivemesh.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class JcsTest {
    private static final Path JCS = Path.of(System.getProperty("hivemesh.testdata", "../testdata"), "jcs");

    @ParameterizedTest
    @ValueSource(strings = {"arrays", "french", "structures", "unicode", "values", "weird"})
    void canonicalizesTheReferenceCasesOfRfc8785(String name) throws IOException {
        String input = Files.readString(JCS.resolve("input/" + name + ".json"));
        byte[] expected = Files.readAllBytes(JCS.resolve("output/" + name + ".json"));
        byte[] expectedFromHex = HexFormat.of().parseHex(
                Files.readString(JCS.resolve("outhex/" + name + ".txt")).replaceAll("\\s+", ""));

        byte[] actual = Json.parse(input).canonical().getBytes(StandardCharsets.UTF_8);

        assertThat(actual).isEqualTo(expected).isEqualTo(expectedFromHex);
    }

    @ParameterizedTest
    @CsvSource({"0,0", "-0.0,0", "1,1", "-1.5,-1.5", "1e21,1e+21", "1e20,100000000000000000000",
            "0.000001,0.000001", "0.0000001,1e-7", "5e-324,5e-324", "1.7976931348623157e308,1.7976931348623157e+308",
            "9007199254740993,9007199254740992", "0.1,0.1", "123456789012345680000,123456789012345680000",
            // a power of two (uneven rounding interval): 16 digits, not 7.1202363472230444e-307
            "7.120236347223045e-307,7.120236347223045e-307",
            // tiny subnormals: ES takes one digit where Java's Double.toString prints two (4.9E-323)
            "9.9e-324,1e-323", "4.94e-323,5e-323"})
    void printsNumbersTheWayEcmaScriptDoes(double value, String expected) {
        assertThat(Jcs.number(value)).isEqualTo(expected);
    }

    @Test
    void rejectsMalformedJsonWithItsOffset() {
        assertThatThrownBy(() -> Json.parse("{\"a\":1,}")).isInstanceOf(JsonParseException.class)
                .hasMessageContaining("offset");
        assertThatThrownBy(() -> Json.parse("{\"a\":1,\"a\":2}")).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> Json.parse("[1] x")).hasMessageContaining("trailing");
        assertThatThrownBy(() -> Json.parse("\"abc")).isInstanceOf(JsonParseException.class);
        assertThatThrownBy(() -> Json.parse("\"\\u-041\"")).hasMessageContaining("bad unicode escape");
        assertThatThrownBy(() -> Json.parse("\"\\u+041\"")).hasMessageContaining("bad unicode escape");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\\ud800\"", "\"a\\udc00b\"", "\"\\udc00\\ud800\"", "\"\\ud83d\"", "{\"\\ud800\":1}",
            "[\"ok\",{\"k\":\"\\ud800x\"}]", "\"\ud800\""})
    void refusesStringsWithAnUnpairedSurrogate(String json) {
        assertThatThrownBy(() -> Json.parse(json)).isInstanceOf(JsonParseException.class)
                .hasMessageContaining("unpaired surrogate");
    }

    @Test
    void keepsASurrogatePairAsItIs() {
        assertThat(Json.parse("\"\\ud83d\\ude00\"").canonical()).isEqualTo("\"\ud83d\ude00\"");
    }

    @Test
    void canonicalizingAnUnpairedSurrogateIsRefusedNotReplaced() {
        assertThatThrownBy(() -> Jcs.canonicalize(JsonValue.of("a\ud800b"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\\ud800");
        assertThatThrownBy(() -> JsonValue.JsonObject.builder().put("\udfff", 1).build().canonical())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JsonValue.JsonArray(List.of(JsonValue.of("\ude00\ud83d"))).canonical())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
