package org.hivemesh.domain.event;

import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;

/** RFC 8785 JSON Canonicalization Scheme over {@link JsonValue}. */
public final class Jcs {
    private Jcs() {
    }

    /** @throws IllegalArgumentException if a string or member name holds an unpaired surrogate */
    public static String canonicalize(JsonValue value) {
        StringBuilder out = new StringBuilder(256);
        write(value, out);
        return out.toString();
    }

    private static void write(JsonValue value, StringBuilder out) {
        if (value instanceof JsonValue.JsonNull) {
            out.append("null");
        } else if (value instanceof JsonValue.JsonBool b) {
            out.append(b.value());
        } else if (value instanceof JsonValue.JsonNumber n) {
            out.append(number(n.value()));
        } else if (value instanceof JsonValue.JsonString s) {
            string(s.value(), out);
        } else if (value instanceof JsonValue.JsonArray a) {
            out.append('[');
            for (int i = 0; i < a.items().size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(a.items().get(i), out);
            }
            out.append(']');
        } else if (value instanceof JsonValue.JsonObject o) {
            out.append('{');
            Iterator<Map.Entry<String, JsonValue>> it = o.members().entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, JsonValue> e = it.next();
                string(e.getKey(), out);
                out.append(':');
                write(e.getValue(), out);
                if (it.hasNext()) {
                    out.append(',');
                }
            }
            out.append('}');
        }
    }

    private static void string(String s, StringBuilder out) {
        if (plain(s)) {
            out.append('"').append(s).append('"');
            return;
        }
        int lone = JsonValue.loneSurrogate(s);
        if (lone >= 0) {
            throw new IllegalArgumentException(String.format("string has an unpaired surrogate \\u%04x at index %d",
                    (int) s.charAt(lone), lone));
        }
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** Nothing to escape and no surrogate to check: most strings, copied at once. */
    private static boolean plain(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static final int Q_MIN = -1074;
    private static final long C_MIN = 1L << 52;
    private static final long C_TINY = 3;
    private static final int K_MIN = -324;
    private static final int K_MAX = 292;
    private static final long MASK_63 = (1L << 63) - 1;
    /** g(k) = floor(10^-k 2^-r) + 1 with r such that 2^125 <= 10^-k 2^-r < 2^126, as 63-bit halves g1, g0. */
    private static final long[] G = gTable();

    /**
     * ECMAScript Number.prototype.toString: the shortest decimal that reads back as {@code value}, the closest
     * to it if several (ties: even last digit), in ES layout. Schubfach (R. Giulietti, "The Schubfach way to
     * render doubles", 2020), the algorithm of JDK 19+ Double.toString, with one ES difference: Java prints at
     * least two digits, ES the shortest even if that is one digit (5e-324 where Java has 4.9E-324).
     */
    static String number(double value) {
        if (value == (long) value && Math.abs(value) < 0x1p53) {
            // Integers, most numbers in events: exact as a long (-0 too, which ES prints as 0).
            return Long.toString((long) value);
        }
        StringBuilder out = new StringBuilder(25);
        long bits = Double.doubleToRawLongBits(value);
        if (bits < 0) {
            out.append('-');
        }
        long fraction = bits & (C_MIN - 1);
        int biasedExponent = (int) (bits >>> 52) & 0x7ff;
        if (biasedExponent != 0) {
            decimal(biasedExponent - 1075, C_MIN | fraction, 0, out);
        } else if (fraction < C_TINY) {
            // So few significant bits that the paper's bounds need the significand scaled up by ten.
            decimal(Q_MIN, 10 * fraction, -1, out);
        } else {
            decimal(Q_MIN, fraction, 0, out);
        }
        return out.toString();
    }

    private static long[] gTable() {
        long[] table = new long[2 * (K_MAX - K_MIN + 1)];
        for (int k = K_MIN; k <= K_MAX; k++) {
            int r = flog2pow10(-k) - 125;
            BigInteger g;
            if (k <= 0) {
                BigInteger pow = BigInteger.TEN.pow(-k);
                g = r >= 0 ? pow.shiftRight(r) : pow.shiftLeft(-r);
            } else {
                g = BigInteger.ONE.shiftLeft(-r).divide(BigInteger.TEN.pow(k));
            }
            g = g.add(BigInteger.ONE);
            table[2 * (k - K_MIN)] = g.shiftRight(63).longValueExact();
            table[2 * (k - K_MIN) + 1] = g.longValue() & MASK_63;
        }
        return table;
    }

    /** Appends the decimal chosen for c 2^q, shifted by 10^dk. */
    private static void decimal(int q, long c, int dk, StringBuilder out) {
        // The rounding interval of an odd significand excludes its ends (ties go to even).
        int open = (int) c & 1;
        long cb = c << 2;
        long cbr = cb + 2;
        long cbl;
        int k;
        if (c != C_MIN || q == Q_MIN) {
            cbl = cb - 2;
            k = flog10pow2(q);
        } else {
            // A power of two: the gap to the double below is half the gap above.
            cbl = cb - 1;
            k = flog10threeQuartersPow2(q);
        }
        int h = q + flog2pow10(-k) + 2;
        long g1 = G[2 * (k - K_MIN)];
        long g0 = G[2 * (k - K_MIN) + 1];
        long vb = roundToOdd(g1, g0, cb << h);
        long vbl = roundToOdd(g1, g0, cbl << h);
        long vbr = roundToOdd(g1, g0, cbr << h);
        // vb is 4 c 2^q / 10^k, rounded to odd; vbl and vbr bound the interval of decimals that read back as c 2^q.
        long s = vb >> 2;
        // One digit fewer: a multiple of ten in the interval is the shortest decimal.
        long sp10 = s / 10 * 10;
        long tp10 = sp10 + 10;
        boolean upin = vbl + open <= sp10 << 2;
        boolean wpin = (tp10 << 2) + open <= vbr;
        if (upin || wpin) {
            // Both only for the tiniest subnormals, whose interval spans several one-digit decimals.
            long cmp = vb - (sp10 + tp10 << 1);
            boolean down = upin && (!wpin || cmp < 0 || cmp == 0 && (sp10 / 10 & 1) == 0);
            layout(down ? sp10 : tp10, k + dk, out);
            return;
        }
        long t = s + 1;
        boolean uin = vbl + open <= s << 2;
        boolean win = (t << 2) + open <= vbr;
        if (uin != win) {
            layout(uin ? s : t, k + dk, out);
            return;
        }
        long cmp = vb - (s + t << 1);
        layout(cmp < 0 || cmp == 0 && (s & 1) == 0 ? s : t, k + dk, out);
    }

    /** cp g 2^-127 rounded to odd: the integer part, its lowest bit set if anything was cut off. */
    private static long roundToOdd(long g1, long g0, long cp) {
        long x1 = Math.multiplyHigh(g0, cp);
        long y0 = g1 * cp;
        long y1 = Math.multiplyHigh(g1, cp);
        long z = (y0 >>> 1) + x1;
        long vbp = y1 + (z >>> 63);
        return vbp | ((z & MASK_63) + MASK_63) >>> 63;
    }

    /** floor(log10(2^e)) for |e| <= 5456721. */
    private static int flog10pow2(int e) {
        return (int) (e * 661_971_961_083L >> 41);
    }

    /** floor(log10(3/4 2^e)) for |e| <= 5456721. */
    private static int flog10threeQuartersPow2(int e) {
        return (int) (e * 661_971_961_083L - 274_743_187_321L >> 41);
    }

    /** floor(log2(10^e)) for |e| <= 1838394. */
    private static int flog2pow10(int e) {
        return (int) (e * 913_124_641_741L >> 38);
    }

    /** ES layout of f 10^e (Number::toString steps 6-10). */
    private static void layout(long f, int e, StringBuilder out) {
        while (f % 10 == 0) {
            f /= 10;
            e++;
        }
        String digits = Long.toString(f);
        int k = digits.length();
        int n = k + e;
        if (k <= n && n <= 21) {
            out.append(digits);
            for (int i = k; i < n; i++) {
                out.append('0');
            }
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.");
            for (int i = n; i < 0; i++) {
                out.append('0');
            }
            out.append(digits);
        } else {
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            int exponent = n - 1;
            out.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
        }
    }
}
