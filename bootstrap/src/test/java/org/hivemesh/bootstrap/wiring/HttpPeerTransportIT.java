package org.hivemesh.bootstrap.wiring;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLContext;
import org.hivemesh.adapters.peers.crypto.Ed25519Signatures;
import org.hivemesh.adapters.peers.transport.HttpPeerTransport;
import org.hivemesh.application.contract.PeerTransportContract;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.shared.port.out.Signatures;
import org.hivemesh.application.sync.port.out.PeerTransport;
import org.hivemesh.domain.peer.InstanceIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The HTTP client transport against a real instance's /sync/v1: signed requests, signed handshake replies, and the
 * API error format mapped back to the port's refusals. Only here, in bootstrap, do both adapters meet.
 */
class HttpPeerTransportIT extends PeerTransportContract {
    private static final Ed25519Signatures ED25519 = new Ed25519Signatures();
    private static Node node;
    private static Client owner;
    private static InstanceIdentity caller;
    private static HttpPeerTransport transport;
    private static Server server;

    @BeforeAll
    static void startTheServer() throws Exception {
        node = new Node("transport").start();
        owner = node.agent("owner");
        Signatures.KeyPair keys = ED25519.generate();
        caller = new InstanceIdentity(InstanceIds.fromPublicKey(keys.publicKey()), keys.publicKey(), keys.privateKey());
        transport = new HttpPeerTransport(Duration.ofSeconds(5), Duration.ofSeconds(30), SSLContext.getDefault(), caller,
                ED25519, Instant::now);
        String instanceId = node.instanceId();
        server = new Server() {
            @Override
            public String syncEndpoint() {
                return node.base() + "/sync/v1";
            }

            @Override
            public String instanceId() {
                return instanceId;
            }

            @Override
            public String openGroup(String hive, int posts) {
                String group = node.createSyncedHive(owner, hive, "open");
                for (int i = 0; i < posts; i++) {
                    Client.Reply reply = owner.post("/api/v1/hives/" + hive + "/posts", "{\"title\":\"post " + i + "\"}");
                    if (reply.status() != 201) {
                        throw new IllegalStateException("post not created: " + reply.body());
                    }
                }
                return group;
            }

            @Override
            public long eventCount(String groupId) {
                return node.eventCount(groupId);
            }

            @Override
            public String deadEndpoint() {
                try {
                    return "http://127.0.0.1:" + Node.freePort() + "/sync/v1";
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    @AfterAll
    static void stopTheServer() {
        node.close();
    }

    @Override
    protected PeerTransport transport() {
        return transport;
    }

    @Override
    protected InstanceIdentity caller() {
        return caller;
    }

    @Override
    protected Signatures signatures() {
        return ED25519;
    }

    @Override
    protected Server server() {
        return server;
    }
}
