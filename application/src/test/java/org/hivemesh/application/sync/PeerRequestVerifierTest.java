package org.hivemesh.application.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.hivemesh.application.fakes.FakeSignatures;
import org.hivemesh.application.fakes.InMemorySyncStore;
import org.hivemesh.application.fakes.ManualClock;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.application.shared.port.out.Signatures;
import org.hivemesh.application.sync.port.in.PeerRequestAuthentication.SignedRequest;
import org.hivemesh.domain.peer.InstanceIds;
import org.hivemesh.domain.peer.PeerRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PeerRequestVerifierTest {
    private static final HexFormat HEX = HexFormat.of();
    private final FakeSignatures signatures = new FakeSignatures();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T12:00:00Z"));
    private final InMemorySyncStore sync = new InMemorySyncStore();
    private final Signatures.KeyPair ours = signatures.generate();
    private final InstanceIdentity self = new InstanceIdentity(InstanceIds.fromPublicKey(ours.publicKey()), ours.publicKey(),
            ours.privateKey());
    private final Signatures.KeyPair theirs = signatures.generate();
    private final String caller = InstanceIds.fromPublicKey(theirs.publicKey());
    private final PeerRequestVerifier verifier = new PeerRequestVerifier(sync, self, signatures, clock,
            new PeerRequestVerifier.Settings(Duration.ofSeconds(300), 3));

    /** The instance has been up a while: requests dated before it started are refused (see the restart test). */
    @BeforeEach
    void upForAMinute() {
        clock.advance(Duration.ofMinutes(1));
    }

    private SignedRequest signed(String target, String body, long date, String destination) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        PeerRequest request = PeerRequest.of("POST", target, caller, destination, Long.toString(date), bytes);
        return new SignedRequest("POST", target, caller, destination, Long.toString(date),
                HEX.formatHex(signatures.sign(theirs.privateKey(), request.signedBytes())), bytes);
    }

    private SignedRequest signed(String body) {
        return signed("/sync/v1/heartbeat", body, clock.now().toEpochMilli(), self.instanceId());
    }

    private static void refusedWith(Runnable call, String code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(HivemeshException.class, e -> {
            assertThat(e.kind()).isEqualTo(HivemeshException.Kind.UNAUTHENTICATED);
            assertThat(e.code()).isEqualTo(code);
        });
    }

    @Test
    void aHandshakeIsCheckedAgainstTheKeyInItsBodyAndLaterCallsAgainstThePinnedKey() {
        String key = HEX.formatHex(theirs.publicKey());

        assertThat(verifier.verify(signed("{\"hello\":1}"), Optional.of(key))).isEqualTo(caller);
        refusedWith(() -> verifier.verify(signed("{\"hello\":2}"), Optional.empty()), "signature_invalid");

        sync.rememberKey(caller, key);
        assertThat(verifier.verify(signed("{\"hello\":3}"), Optional.empty())).isEqualTo(caller);
    }

    @Test
    void quotingAnotherInstancesIdOrAnotherKeyIsRefused() {
        Signatures.KeyPair other = signatures.generate();
        sync.rememberKey(caller, HEX.formatHex(theirs.publicKey()));

        refusedWith(() -> verifier.verify(signed("{}"), Optional.of(HEX.formatHex(other.publicKey()))), "signature_invalid");
        refusedWith(() -> verifier.verify(signed("{}"), Optional.of("not hex")), "signature_invalid");
    }

    @Test
    void replayedExpiredMisdirectedTamperedAndUnsignedRequestsAreRefused() {
        sync.rememberKey(caller, HEX.formatHex(theirs.publicKey()));
        SignedRequest once = signed("{\"n\":1}");
        verifier.verify(once, Optional.empty());
        long now = clock.now().toEpochMilli();
        SignedRequest good = signed("{\"n\":2}");

        refusedWith(() -> verifier.verify(once, Optional.empty()), "request_replayed");
        refusedWith(() -> verifier.verify(signed("/sync/v1/heartbeat", "{}", now - 301_000, self.instanceId()),
                Optional.empty()), "request_expired");
        refusedWith(() -> verifier.verify(signed("/sync/v1/heartbeat", "{}", now + 301_000, self.instanceId()),
                Optional.empty()), "request_expired");
        refusedWith(() -> verifier.verify(signed("/sync/v1/heartbeat", "{}", now, "inst_someoneelse0000"),
                Optional.empty()), "wrong_destination");
        refusedWith(() -> verifier.verify(new SignedRequest("POST", good.target(), caller, good.destination(),
                good.date(), good.signature(), "{\"n\":3}".getBytes(StandardCharsets.UTF_8)), Optional.empty()),
                "signature_invalid");
        refusedWith(() -> verifier.verify(new SignedRequest("POST", "/sync/v1/groups/x/leave", caller, good.destination(),
                good.date(), good.signature(), good.body()), Optional.empty()), "signature_invalid");
        refusedWith(() -> verifier.verify(new SignedRequest("POST", good.target(), caller, good.destination(), null,
                good.signature(), good.body()), Optional.empty()), "signature_required");
        assertThat(verifier.verify(good, Optional.empty())).isEqualTo(caller);
    }

    @Test
    void whenTheReplayMemoryIsFullOlderRequestsAreRefusedRatherThanRisked() {
        sync.rememberKey(caller, HEX.formatHex(theirs.publicKey()));
        long now = clock.now().toEpochMilli();
        SignedRequest oldest = signed("/sync/v1/heartbeat", "{\"n\":0}", now - 4_000, self.instanceId());
        verifier.verify(oldest, Optional.empty());
        for (int i = 1; i <= 3; i++) {
            verifier.verify(signed("/sync/v1/heartbeat", "{\"n\":" + i + "}", now - 4_000 + i * 1_000, self.instanceId()),
                    Optional.empty());
        }

        refusedWith(() -> verifier.verify(oldest, Optional.empty()), "request_expired");
        refusedWith(() -> verifier.verify(signed("/sync/v1/heartbeat", "{\"late\":1}", now - 4_000, self.instanceId()),
                Optional.empty()), "request_expired");
        assertThat(verifier.verify(signed("{\"fresh\":1}"), Optional.empty())).isEqualTo(caller);
    }

    @Test
    void aRequestDatedBeforeTheInstanceStartedIsRefusedSinceItMayHaveBeenTakenBeforeARestart() {
        sync.rememberKey(caller, HEX.formatHex(theirs.publicKey()));
        long started = clock.now().minus(Duration.ofMinutes(1)).toEpochMilli();

        refusedWith(() -> verifier.verify(signed("/sync/v1/heartbeat", "{}", started - 1, self.instanceId()),
                Optional.empty()), "request_expired");
        assertThat(verifier.verify(signed("/sync/v1/heartbeat", "{}", started + 1, self.instanceId()), Optional.empty()))
                .isEqualTo(caller);
    }

    @Test
    void theReplySignatureCoversTheBodyForTheCaller() {
        byte[] body = "{\"sync_token\":\"t\"}".getBytes(StandardCharsets.UTF_8);

        Map<String, String> headers = verifier.signReply("POST", "/sync/v1/handshake", caller, body);

        PeerRequest reply = PeerRequest.of("POST", "/sync/v1/handshake", self.instanceId(), caller,
                headers.get(PeerRequest.DATE), body);
        assertThat(headers.get(PeerRequest.ORIGIN)).isEqualTo(self.instanceId());
        assertThat(headers.get(PeerRequest.DESTINATION)).isEqualTo(caller);
        assertThat(signatures.verify(ours.publicKey(), reply.signedBytes(), HEX.parseHex(headers.get(PeerRequest.SIGNATURE))))
                .isTrue();
    }
}
