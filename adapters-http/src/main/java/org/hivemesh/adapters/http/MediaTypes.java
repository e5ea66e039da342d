package org.hivemesh.adapters.http;

import java.util.Locale;

/**
 * Which request Content-Types a route reads: JSON everywhere, JSON Lines where a route streams them; UTF-8 only.
 * A body without a Content-Type is read as what the route takes (its bytes are still checked strictly); one that
 * names another type is refused, since the client says the body is something else.
 */
final class MediaTypes {
    private MediaTypes() {
    }

    static boolean accepted(String contentType, boolean jsonLines) {
        if (contentType == null) {
            return true;
        }
        String[] parts = contentType.split(";");
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        boolean json = type.equals("application/json") || type.startsWith("application/") && type.endsWith("+json");
        boolean lines = type.equals("application/x-ndjson") || type.equals("application/jsonl") || type.equals("text/plain");
        if (!json && !(jsonLines && lines)) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].strip().equalsIgnoreCase("charset")) {
                String charset = parameter.length < 2 ? "" : parameter[1].strip();
                if (charset.length() >= 2 && charset.startsWith("\"") && charset.endsWith("\"")) {
                    charset = charset.substring(1, charset.length() - 1);
                }
                if (!charset.equalsIgnoreCase("utf-8")) {
                    return false;
                }
            }
        }
        return true;
    }
}
