package org.hivemesh.application.contract;

import org.hivemesh.application.fakes.FakeSignatures;
import org.hivemesh.application.fakes.InMemoryPeerTransport;
import org.hivemesh.application.fakes.TestSync;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.shared.port.out.Signatures;
import org.hivemesh.application.sync.port.out.PeerTransport;
import org.hivemesh.domain.peer.InstanceIds;

/** The fake transport answers as the HTTP one does, so sync tests on it hold over the network too. */
class InMemoryPeerTransportTest extends PeerTransportContract {
    private final InMemoryPeerTransport.Network network = new InMemoryPeerTransport.Network();
    private final TestSync server = new TestSync("server", network);
    private final FakeSignatures signatures = new FakeSignatures();
    private final Signatures.KeyPair keys = signatures.generate();
    private final InstanceIdentity caller = new InstanceIdentity(InstanceIds.fromPublicKey(keys.publicKey()),
            keys.publicKey(), keys.privateKey());
    private final InMemoryPeerTransport transport = new InMemoryPeerTransport(network, caller.instanceId());

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
        return signatures;
    }

    @Override
    protected Server server() {
        return new Server() {
            @Override
            public String syncEndpoint() {
                return server.endpoint;
            }

            @Override
            public String instanceId() {
                return server.id();
            }

            @Override
            public String openGroup(String hive, int posts) {
                String group = server.share(hive);
                server.post(hive, posts);
                return group;
            }

            @Override
            public long eventCount(String groupId) {
                return server.count(groupId);
            }

            @Override
            public String deadEndpoint() {
                return "http://nobody.test/sync/v1";
            }
        };
    }
}
