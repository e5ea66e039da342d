package org.hivemesh.domain.event;

/**
 * Hybrid logical clock timestamp: wall-clock milliseconds plus a counter. Written as
 * {@code "<wall>.<counter>"} with fixed widths so that text order equals clock order.
 */
public record Hlc(long wallMillis, int counter) implements Comparable<Hlc> {
    private static final long MAX_WALL = 9_999_999_999_999L;
    private static final int MAX_COUNTER = 99_999;

    public static final Hlc ZERO = new Hlc(0, 0);

    public Hlc {
        if (wallMillis < 0 || wallMillis > MAX_WALL) {
            throw new IllegalArgumentException("HLC wall time out of range: " + wallMillis);
        }
        if (counter < 0 || counter > MAX_COUNTER) {
            throw new IllegalArgumentException("HLC counter out of range: " + counter);
        }
    }

    public static Hlc parse(String text) {
        if (!wellFormed(text)) {
            throw new IllegalArgumentException("HLC must look like '<13 digits>.<5 digits>', got: " + text);
        }
        return new Hlc(Long.parseLong(text.substring(0, 13)), Integer.parseInt(text.substring(14)));
    }

    /** {@code <13 digits>.<5 digits>}, checked by hand: every event read or received parses one. */
    private static boolean wellFormed(String text) {
        if (text == null || text.length() != 19 || text.charAt(13) != '.') {
            return false;
        }
        for (int i = 0; i < 19; i++) {
            char c = text.charAt(i);
            if (i != 13 && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    /** The timestamp for a local event, given the last one issued and the wall clock now. */
    public Hlc send(long nowMillis) {
        long wall = Math.max(wallMillis, nowMillis);
        return wall == wallMillis ? next(wall, counter + 1) : new Hlc(wall, 0);
    }

    /** The clock after seeing a remote timestamp, so later local events order after it. */
    public Hlc receive(Hlc remote, long nowMillis) {
        long wall = Math.max(Math.max(wallMillis, remote.wallMillis), nowMillis);
        int next;
        if (wall == wallMillis && wall == remote.wallMillis) {
            next = Math.max(counter, remote.counter) + 1;
        } else if (wall == wallMillis) {
            next = counter + 1;
        } else if (wall == remote.wallMillis) {
            next = remote.counter + 1;
        } else {
            next = 0;
        }
        return next(wall, next);
    }

    /** A counter that fills carries into the millisecond, so issuing a timestamp never fails. */
    private static Hlc next(long wall, int counter) {
        return counter > MAX_COUNTER ? new Hlc(wall + 1, 0) : new Hlc(wall, counter);
    }

    public Hlc max(Hlc other) {
        return compareTo(other) >= 0 ? this : other;
    }

    @Override
    public int compareTo(Hlc other) {
        int byWall = Long.compare(wallMillis, other.wallMillis);
        return byWall != 0 ? byWall : Integer.compare(counter, other.counter);
    }

    @Override
    public String toString() {
        String wall = Long.toString(wallMillis);
        String count = Integer.toString(counter);
        return "0".repeat(13 - wall.length()) + wall + "." + "0".repeat(5 - count.length()) + count;
    }
}
