package org.hivemesh.domain.peer;

/**
 * How far this instance has got with one peer in one group, in sequence numbers of the two logs: {@code sent} of ours
 * the peer acknowledged, {@code received} of the peer's we stored, and {@code remote}, the peer's latest as it last
 * told us. Cursors only move forward, except when an operator asks for a resync.
 */
public record PeerCursor(long sent, long received, long remote) {
    public static final PeerCursor START = new PeerCursor(0, 0, 0);

    public PeerCursor {
        if (sent < 0 || received < 0 || remote < 0) {
            throw new IllegalArgumentException("cursors are never negative");
        }
    }

    /** The peer stored our events up to {@code seq}. */
    public PeerCursor sentUpTo(long seq) {
        return new PeerCursor(Math.max(sent, seq), received, remote);
    }

    /** We stored the peer's events up to {@code seq}, so its log is at least that long. */
    public PeerCursor receivedUpTo(long seq) {
        return new PeerCursor(sent, Math.max(received, seq), Math.max(remote, seq));
    }

    /** The peer says its log ends at {@code seq}. */
    public PeerCursor remoteAt(long seq) {
        return new PeerCursor(sent, received, seq);
    }

    /** A joiner pulls the whole history; offering it the same events by push would send them twice. */
    public static PeerCursor joinedAt(long localSeq) {
        return new PeerCursor(localSeq, 0, 0);
    }

    /** Everything is offered and pulled again; duplicates are ignored on arrival. */
    public PeerCursor restart() {
        return new PeerCursor(0, 0, remote);
    }

    /** Our events the peer has not acknowledged. */
    public long lag(long localSeq) {
        return Math.max(0, localSeq - sent);
    }

    /** The peer's events we have not pulled yet. */
    public long behind() {
        return Math.max(0, remote - received);
    }
}
