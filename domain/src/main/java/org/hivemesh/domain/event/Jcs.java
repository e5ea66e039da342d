package org.hivemesh.domain.event;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Iterator;
import java.util.Map;

/** RFC 8785 JSON Canonicalization Scheme over {@link JsonValue}. */
public final class Jcs {
    private Jcs() {
    }

    public static String canonicalize(JsonValue value) {
        StringBuilder out = new StringBuilder();
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

    /** ECMAScript Number.prototype.toString: the shortest digits that round-trip, then ES layout. */
    static String number(double value) {
        if (value == 0) {
            return "0";
        }
        String sign = value < 0 ? "-" : "";
        BigDecimal exact = new BigDecimal(Math.abs(value));
        BigDecimal shortest = null;
        for (int precision = 1; precision <= 17; precision++) {
            BigDecimal candidate = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == Math.abs(value)) {
                shortest = candidate;
                break;
            }
        }
        BigDecimal stripped = shortest.stripTrailingZeros();
        String digits = stripped.unscaledValue().toString();
        int k = digits.length();
        int n = k - stripped.scale();
        StringBuilder out = new StringBuilder(sign);
        if (k <= n && n <= 21) {
            out.append(digits).append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            out.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").append("0".repeat(-n)).append(digits);
        } else {
            out.append(digits.charAt(0));
            if (k > 1) {
                out.append('.').append(digits, 1, k);
            }
            int exponent = n - 1;
            out.append('e').append(exponent < 0 ? "-" : "+").append(Math.abs(exponent));
        }
        return out.toString();
    }
}
