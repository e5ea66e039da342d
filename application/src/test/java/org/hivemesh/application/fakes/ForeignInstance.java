package org.hivemesh.application.fakes;

import java.util.HexFormat;
import java.util.Optional;
import org.hivemesh.application.shared.port.out.Signatures;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.event.UnsignedEvent;
import org.hivemesh.domain.peer.InstanceIds;

/** Another instance known only by its key: signs events as a peer would send them, for feeding intake. */
public final class ForeignInstance {
    private final Signatures signatures;
    public final Signatures.KeyPair keys;
    public final String instanceId;

    public ForeignInstance(Signatures signatures) {
        this.signatures = signatures;
        this.keys = signatures.generate();
        this.instanceId = InstanceIds.fromPublicKey(keys.publicKey());
    }

    public String keyHex() {
        return HexFormat.of().formatHex(keys.publicKey());
    }

    /** One of this instance's agents. */
    public AgentRef agent(String name) {
        return new AgentRef(instanceId, "agt_" + name, name);
    }

    /** An event of this origin, signed with this instance's key. */
    public Event event(String group, Hlc hlc, EventPayload payload) {
        return sign(new UnsignedEvent(group, instanceId, hlc, payload));
    }

    public Event sign(UnsignedEvent unsigned) {
        return unsigned.signedWith(HexFormat.of().formatHex(signatures.sign(keys.privateKey(), unsigned.canonicalBytes())));
    }

    /** A post by this instance's agent {@code author}. */
    public Event post(String group, String title, Hlc hlc, String author) {
        return event(group, hlc, new EventPayload.PostCreated(title, Optional.empty(), Optional.empty(), agent(author)));
    }
}
