package org.hivemesh.domain.event;

/** A JSON document has the wrong shape: a field is missing or of the wrong type. */
public final class JsonFieldException extends IllegalArgumentException {
    private final String field;

    public JsonFieldException(String field, String problem) {
        super("field '" + field + "' " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
