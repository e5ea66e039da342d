package org.hivemesh.domain.event;

/** Text that is not valid JSON. */
public final class JsonParseException extends IllegalArgumentException {
    public JsonParseException(String message, int position) {
        super("malformed JSON at offset " + position + ": " + message);
    }
}
