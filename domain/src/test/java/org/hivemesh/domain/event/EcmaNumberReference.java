package org.hivemesh.domain.event;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleConsumer;

/**
 * The reference for {@link Jcs#number}: ECMAScript Number.prototype.toString derived from the shortest-digit
 * Double.toString of JDK 19+ (Giulietti's Schubfach; JDK 17's is not always shortest). Uses the JDK only, so it
 * runs in source-file mode. To regenerate both resources, from the repository root:
 * <pre>
 * /usr/lib/jvm/temurin-25-jdk-amd64/bin/java domain/src/test/java/org/hivemesh/domain/event/EcmaNumberReference.java \
 *     domain/src/test/resources/org/hivemesh/domain/event
 * </pre>
 * It writes {@value #DIGEST_FILE} (SHA-256 of the ES strings of the {@value #COUNT} random doubles, each followed
 * by a newline) and {@value #SAMPLE_FILE} (bits, tab, JDK string: the first random doubles and edge cases).
 */
final class EcmaNumberReference {
    static final long SEED = 8785;
    static final int COUNT = 10_000_000;
    static final int RANDOM_SAMPLES = 1000;
    static final String DIGEST_FILE = "ecma-numbers.sha256";
    static final String SAMPLE_FILE = "ecma-numbers-sample.tsv";

    private EcmaNumberReference() {
    }

    /** {@value #COUNT} doubles from random bit patterns (every exponent alike), NaN and infinities skipped. */
    static void randomDoubles(DoubleConsumer each) {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int n = 0; n < COUNT; ) {
            double value = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(value)) {
                each.accept(value);
                n++;
            }
        }
    }

    /** Cases random bits almost never hit: powers of two (uneven rounding interval), tiny subnormals, ES layout limits. */
    static List<Double> edgeCases() {
        List<Double> cases = new ArrayList<>();
        for (int e = -1074; e <= 1023; e++) {
            cases.add(Math.scalb(1.0, e));
        }
        for (long t = 1; t <= 1000; t++) {
            cases.add(Double.longBitsToDouble(t));
        }
        for (int e = -325; e <= 308; e++) {
            double power = Double.parseDouble("1e" + e);
            cases.add(Math.nextDown(power));
            cases.add(power);
            cases.add(Math.nextUp(power));
        }
        for (double d : new double[] {Double.MAX_VALUE, Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL),
                0x1p53, Math.nextUp(0x1p53), Math.nextDown(0x1p53), -0.5, -1e-7, -123.456, -Double.MIN_VALUE}) {
            cases.add(d);
        }
        return cases;
    }

    /** The ES string for {@code value}, given its JDK 19+ Double.toString {@code jdk}. */
    static String toEcma(double value, String jdk) {
        boolean negative = jdk.startsWith("-");
        String unsigned = negative ? jdk.substring(1) : jdk;
        int e = unsigned.indexOf('E');
        String mantissa = e < 0 ? unsigned : unsigned.substring(0, e);
        int exponent = e < 0 ? 0 : Integer.parseInt(unsigned.substring(e + 1));
        int point = mantissa.indexOf('.');
        StringBuilder digits = new StringBuilder(mantissa.substring(0, point)).append(mantissa.substring(point + 1));
        // value = 0.digits * 10^n
        int n = point + exponent;
        while (digits.length() > 1 && digits.charAt(0) == '0') {
            digits.deleteCharAt(0);
            n--;
        }
        while (digits.length() > 1 && digits.charAt(digits.length() - 1) == '0') {
            digits.setLength(digits.length() - 1);
        }
        if (digits.toString().equals("0")) {
            return "0";
        }
        if (digits.length() == 2) {
            // Java prints two digits where one would do if a two-digit decimal is closer; ES takes the one digit.
            double magnitude = Math.abs(value);
            BigDecimal exact = new BigDecimal(magnitude);
            int lead = digits.charAt(0) - '0';
            BigDecimal best = null;
            for (int candidate = lead; candidate <= lead + 1; candidate++) {
                BigDecimal decimal = BigDecimal.valueOf(candidate).scaleByPowerOfTen(n - 1);
                if (decimal.doubleValue() != magnitude) {
                    continue;
                }
                int order = best == null ? -1 : decimal.subtract(exact).abs().compareTo(best.subtract(exact).abs());
                if (order < 0 || order == 0 && candidate % 2 == 0) {
                    best = decimal;
                }
            }
            if (best != null) {
                BigDecimal stripped = best.stripTrailingZeros();
                digits = new StringBuilder(stripped.unscaledValue().toString());
                n = digits.length() - stripped.scale();
            }
        }
        return (negative ? "-" : "") + ecmaLayout(digits.toString(), n);
    }

    /** Number::toString steps 6 to 10 for digits s (k of them) and value 0.s * 10^n. */
    private static String ecmaLayout(String s, int n) {
        int k = s.length();
        if (k <= n && n <= 21) {
            return s + "0".repeat(n - k);
        }
        if (0 < n && n <= 21) {
            return s.substring(0, n) + "." + s.substring(n);
        }
        if (-6 < n && n <= 0) {
            return "0." + "0".repeat(-n) + s;
        }
        String exponent = (n - 1 < 0 ? "-" : "+") + Math.abs(n - 1);
        return s.charAt(0) + (k == 1 ? "" : "." + s.substring(1)) + "e" + exponent;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String line(String ecma) {
        return ecma + "\n";
    }

    public static void main(String[] args) throws IOException {
        if (Runtime.version().feature() < 19) {
            throw new IllegalStateException("needs JDK 19+, whose Double.toString is shortest-digit");
        }
        Path dir = Path.of(args[0]);
        MessageDigest digest = sha256();
        List<String> sample = new ArrayList<>();
        randomDoubles(value -> {
            String jdk = Double.toString(value);
            digest.update(line(toEcma(value, jdk)).getBytes(StandardCharsets.UTF_8));
            if (sample.size() < RANDOM_SAMPLES) {
                sample.add(Long.toHexString(Double.doubleToRawLongBits(value)) + "\t" + jdk);
            }
        });
        for (double value : edgeCases()) {
            sample.add(Long.toHexString(Double.doubleToRawLongBits(value)) + "\t" + Double.toString(value));
        }
        Files.writeString(dir.resolve(DIGEST_FILE), HexFormat.of().formatHex(digest.digest()) + "\n");
        Files.write(dir.resolve(SAMPLE_FILE), sample);
    }
}
