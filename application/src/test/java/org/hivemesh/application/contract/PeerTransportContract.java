package org.hivemesh.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.shared.port.out.Signatures;
import org.hivemesh.application.sync.port.out.PeerTransport;
import org.hivemesh.application.sync.port.out.PeerTransport.PeerAddress;
import org.hivemesh.application.sync.port.wire.EventPage;
import org.hivemesh.application.sync.port.wire.HandshakeReply;
import org.hivemesh.application.sync.port.wire.HandshakeRequest;
import org.hivemesh.application.sync.port.wire.Heartbeat;
import org.hivemesh.application.sync.port.wire.PushBatch;
import org.hivemesh.application.sync.port.wire.PushReply;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.event.UnsignedEvent;
import org.hivemesh.domain.peer.InstanceIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The contract of the {@link PeerTransport} port, for the HTTP client against a real server and for the in-memory
 * fake against the application: a sync service sees the same replies and the same refusals from both. The caller
 * joins as a client (no endpoint of its own), as the CLI does, so no server ever has to call it back.
 */
public abstract class PeerTransportContract {
    private static final HexFormat HEX = HexFormat.of();

    /** The instance the transport answers at, driven through its own API. */
    public interface Server {
        String syncEndpoint();

        String instanceId();

        /** Creates {@code hive} with {@code posts} posts by one of its agents and shares it openly; the group's ID. */
        String openGroup(String hive, int posts);

        long eventCount(String groupId);

        /** An endpoint where nothing answers. */
        String deadEndpoint();
    }

    /** The transport under test; every call comes from {@link #caller()}. */
    protected abstract PeerTransport transport();

    protected abstract InstanceIdentity caller();

    /** The caller's signatures, to sign what it pushes and to check what it pulls. */
    protected abstract Signatures signatures();

    /** The same server for every test of a class; each test works in hives of its own. */
    protected abstract Server server();

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private PeerAddress server(String instanceId) {
        return new PeerAddress(server().syncEndpoint(), instanceId);
    }

    private PeerAddress address() {
        return server(server().instanceId());
    }

    private HandshakeReply join(String hive) {
        return transport().handshake(address(), new HandshakeRequest(hive, caller().instanceId(), caller().publicKeyHex(),
                null, null));
    }

    private Event ours(String group, String title, int n) {
        UnsignedEvent unsigned = new UnsignedEvent(group, caller().instanceId(), new Hlc(1_700_000_000_000L + n, 0),
                new EventPayload.PostCreated(title, Optional.empty(), Optional.empty(),
                        new AgentRef(caller().instanceId(), "agt_contract", "contract")));
        return unsigned.signedWith(HEX.formatHex(signatures().sign(caller().privateKey(), unsigned.canonicalBytes())));
    }

    private PushBatch batch(Event... events) {
        return new PushBatch(List.of(events).stream().map(Event::toJson).toList(),
                Map.of(caller().instanceId(), caller().publicKeyHex()), 0);
    }

    private static void refused(Executable call, int status, String code) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(PeerTransport.PeerRefused.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.code()).isEqualTo(code);
        });
    }

    @Test
    void identifyNamesTheInstanceThatAnswersAndTheKeyItsIdDerivesFrom() {
        PeerTransport.Identity identity = transport().identify(server().syncEndpoint());

        assertThat(identity.instanceId()).isEqualTo(server().instanceId());
        assertThat(InstanceIds.matches(identity.instanceId(), HEX.parseHex(identity.signingKey()))).isTrue();
        assertThat(identity.syncEndpoint()).isEqualTo(server().syncEndpoint());
    }

    @Test
    void aClientHandshakeGetsTheGroupAndAToken() {
        String hive = unique("joined");
        String group = server().openGroup(hive, 2);

        HandshakeReply reply = join(hive);

        assertThat(reply.syncGroupId()).isEqualTo(group);
        assertThat(reply.instanceId()).isEqualTo(server().instanceId());
        assertThat(reply.signingKey()).isEqualTo(transport().identify(server().syncEndpoint()).signingKey());
        assertThat(reply.currentSeq()).isEqualTo(server().eventCount(group));
        assertThat(reply.syncToken()).isNotBlank();
        assertThat(reply.syncTokenExpiresAt()).isNotNull();
        assertThat(reply.hiveName()).isEqualTo(hive);
        assertThat(reply.ownerInstanceId()).isEqualTo(server().instanceId());
        assertThat(reply.ownerAgentId()).isNotBlank();
        assertThat(reply.lineage()).isNotBlank();
        assertThat(reply.consent()).isEqualTo("open");
    }

    @Test
    void pagesFollowHasMoreToTheEndOfTheLogAndCarryTheKeysToCheckThem() {
        String hive = unique("paged");
        String group = server().openGroup(hive, 5);
        String token = join(hive).syncToken();
        long total = server().eventCount(group);
        List<EventPage> pages = new ArrayList<>();

        long since = 0;
        EventPage page;
        do {
            page = transport().pull(address(), token, group, since, 2, 0);
            pages.add(page);
            assertThat(page.nextSeq()).isGreaterThan(since);
            since = page.nextSeq();
        } while (page.hasMore());

        assertThat(since).isEqualTo(total);
        assertThat(pages).hasSize((int) (total + 1) / 2).allSatisfy(p -> assertThat(p.events()).hasSizeBetween(1, 2));
        List<Event> events = pages.stream().flatMap(p -> p.events().stream()).map(Event::fromJson).toList();
        assertThat(events).hasSize((int) total).allSatisfy(e -> {
            assertThat(e.group()).isEqualTo(group);
            String key = pages.stream().map(p -> p.keys().get(e.origin())).filter(k -> k != null).findFirst().orElseThrow();
            assertThat(signatures().verify(HEX.parseHex(key), e.body().canonicalBytes(), HEX.parseHex(e.signature())))
                    .isTrue();
        });
        assertThat(transport().pull(address(), token, group, total, 2, 0)).satisfies(p -> {
            assertThat(p.events()).isEmpty();
            assertThat(p.hasMore()).isFalse();
            assertThat(p.nextSeq()).isEqualTo(total);
        });
    }

    @Test
    void pushedEventsAreTakenOnceAndBadOnesAreCountedAsQuarantined() {
        String hive = unique("pushed");
        String group = server().openGroup(hive, 1);
        String token = join(hive).syncToken();
        long before = server().eventCount(group);
        Event first = ours(group, "first", 1);
        Event second = ours(group, "second", 2);
        Event forged = ours(group, "forged", 3).body().signedWith("0".repeat(128));

        PushReply reply = transport().push(address(), token, group, batch(first, second, forged));
        PushReply again = transport().push(address(), token, group, batch(second, first));

        assertThat(reply).isEqualTo(new PushReply(before + 2, 2, 0, 0, 1, 0));
        assertThat(again).isEqualTo(new PushReply(before + 2, 0, 2, 0, 0, 0));
        assertThat(server().eventCount(group)).isEqualTo(before + 2);
    }

    @Test
    void whatTheCallerPushedIsNotServedBackButTheCursorMovesPastIt() {
        String hive = unique("echo");
        String group = server().openGroup(hive, 1);
        String token = join(hive).syncToken();
        long before = server().eventCount(group);
        transport().push(address(), token, group, batch(ours(group, "mine", 1)));

        EventPage page = transport().pull(address(), token, group, before, 10, 0);

        assertThat(page.events()).isEmpty();
        assertThat(page.nextSeq()).isEqualTo(before + 1);
    }

    @Test
    void aHeartbeatAnswersWithTheServersSeqOfEachSharedGroup() {
        String hive = unique("beat");
        String group = server().openGroup(hive, 3);
        String token = join(hive).syncToken();

        Heartbeat reply = transport().heartbeat(address(), token, new Heartbeat(caller().instanceId(), Map.of(group, 0L),
                List.of()));

        assertThat(reply.instanceId()).isEqualTo(server().instanceId());
        assertThat(reply.seqByGroup()).containsEntry(group, server().eventCount(group));
    }

    @Test
    void refusalsCarryTheStatusAndCodeOfTheApiErrorFormat() {
        String hive = unique("refused");
        String group = server().openGroup(hive, 1);
        String token = join(hive).syncToken();

        refused(() -> transport().pull(address(), "hst_not-a-token", group, 0, 10, 0), 401, "unauthenticated");
        refused(() -> transport().pull(address(), token, "grp_nowhere", 0, 10, 0), 404, "sync_group_not_found");
        refused(() -> transport().pull(address(), token, group, 0, 0, 0), 400, "invalid_request");
        refused(() -> transport().handshake(address(), new HandshakeRequest(unique("no-such-hive"), caller().instanceId(),
                caller().publicKeyHex(), null, null)), 404, "sync_group_not_found");
    }

    @Test
    void aCallMeantForAnotherInstanceIsRefusedThere() {
        String hive = unique("misdirected");
        String group = server().openGroup(hive, 1);
        String token = join(hive).syncToken();
        String someoneElse = InstanceIds.fromPublicKey(signatures().generate().publicKey());

        refused(() -> transport().pull(server(someoneElse), token, group, 0, 10, 0), 401, "wrong_destination");
        refused(() -> transport().handshake(server(someoneElse), new HandshakeRequest(hive, caller().instanceId(),
                caller().publicKeyHex(), null, null)), 401, "wrong_destination");
    }

    @Test
    void afterLeavingAGroupTheCallerIsNoLongerServedThere() {
        String hive = unique("left");
        String group = server().openGroup(hive, 1);
        String token = join(hive).syncToken();
        transport().leave(address(), token, group);

        refused(() -> transport().pull(address(), token, group, 0, 10, 0), 403, "forbidden");
        refused(() -> transport().push(address(), token, group, batch(ours(group, "late", 1))), 403, "forbidden");
    }

    @Test
    void whereNothingAnswersTheCallerIsToldToRetryNotRefused() {
        assertThatThrownBy(() -> transport().identify(server().deadEndpoint()))
                .isInstanceOf(PeerTransport.PeerUnavailable.class);
        assertThatThrownBy(() -> transport().pull(new PeerAddress(server().deadEndpoint(), server().instanceId()),
                "hst_any", "grp_any", 0, 10, 0)).isInstanceOf(PeerTransport.PeerUnavailable.class);
    }
}
