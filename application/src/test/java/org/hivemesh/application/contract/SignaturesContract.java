package org.hivemesh.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.hivemesh.application.shared.port.out.Signatures;
import org.hivemesh.domain.peer.InstanceIds;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract of the {@link Signatures} port, for the real Ed25519 and the fake alike: what intake and request
 * verification rely on. Verification answers false, never throws, for whatever a peer may send.
 */
public abstract class SignaturesContract {
    private static final byte[] MESSAGE = "{\"group\":\"grp_1\",\"type\":\"post_created\"}".getBytes(StandardCharsets.UTF_8);

    protected abstract Signatures signatures();

    private static byte[] flipped(byte[] bytes, int bit) {
        byte[] copy = bytes.clone();
        copy[bit / 8 % copy.length] ^= (byte) (1 << (bit % 8));
        return copy;
    }

    @Test
    void keysAndSignaturesHaveTheSizesOfEd25519() {
        Signatures.KeyPair keys = signatures().generate();

        assertThat(keys.publicKey()).hasSize(32);
        assertThat(keys.privateKey()).hasSize(32);
        assertThat(signatures().sign(keys.privateKey(), MESSAGE)).hasSize(64);
    }

    @Property(tries = 50)
    void aSignatureVerifiesWithItsKeyForAnyMessage(@ForAll @Size(max = 2048) byte[] message) {
        Signatures.KeyPair keys = signatures().generate();

        assertThat(signatures().verify(keys.publicKey(), message, signatures().sign(keys.privateKey(), message))).isTrue();
    }

    @Property(tries = 50)
    void aMessageOrSignatureWithAnyBitFlippedIsRefused(@ForAll @Size(min = 1, max = 512) byte[] message,
                                                       @ForAll int bit) {
        Signatures.KeyPair keys = signatures().generate();
        byte[] signature = signatures().sign(keys.privateKey(), message);
        int position = Math.floorMod(bit, 512 * 8);

        assertThat(signatures().verify(keys.publicKey(), flipped(message, position), signature)).isFalse();
        assertThat(signatures().verify(keys.publicKey(), message, flipped(signature, position))).isFalse();
    }

    @Test
    void aSignatureVerifiesWithNoOtherKey() {
        Signatures.KeyPair signer = signatures().generate();
        Signatures.KeyPair other = signatures().generate();
        byte[] signature = signatures().sign(signer.privateKey(), MESSAGE);

        assertThat(signatures().verify(other.publicKey(), MESSAGE, signature)).isFalse();
        assertThat(signatures().verify(signer.publicKey(), MESSAGE, signatures().sign(other.privateKey(), MESSAGE)))
                .isFalse();
    }

    @Test
    void signingIsDeterministicAndEachKeyPairNamesItsOwnInstance() {
        Signatures.KeyPair keys = signatures().generate();
        Signatures.KeyPair other = signatures().generate();

        assertThat(signatures().sign(keys.privateKey(), MESSAGE)).isEqualTo(signatures().sign(keys.privateKey(), MESSAGE));
        assertThat(InstanceIds.fromPublicKey(keys.publicKey())).isEqualTo(InstanceIds.fromPublicKey(keys.publicKey().clone()))
                .isNotEqualTo(InstanceIds.fromPublicKey(other.publicKey()));
        assertThat(InstanceIds.matches(InstanceIds.fromPublicKey(keys.publicKey()), keys.publicKey())).isTrue();
        assertThat(keys.publicKey()).isNotEqualTo(other.publicKey());
        assertThat(signatures().sign(keys.privateKey(), MESSAGE)).isNotEqualTo(signatures().sign(other.privateKey(), MESSAGE));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                malformed("no key", (s, k, sig) -> s.verify(null, MESSAGE, sig)),
                malformed("an empty key", (s, k, sig) -> s.verify(new byte[0], MESSAGE, sig)),
                malformed("a key one byte short", (s, k, sig) -> s.verify(Arrays.copyOf(k, 31), MESSAGE, sig)),
                malformed("a key one byte long", (s, k, sig) -> s.verify(Arrays.copyOf(k, 33), MESSAGE, sig)),
                malformed("an all-zero key", (s, k, sig) -> s.verify(new byte[32], MESSAGE, sig)),
                malformed("an all-ones key", (s, k, sig) -> s.verify(filled(32), MESSAGE, sig)),
                malformed("no signature", (s, k, sig) -> s.verify(k, MESSAGE, null)),
                malformed("an empty signature", (s, k, sig) -> s.verify(k, MESSAGE, new byte[0])),
                malformed("a signature one byte short", (s, k, sig) -> s.verify(k, MESSAGE, Arrays.copyOf(sig, 63))),
                malformed("a signature one byte long", (s, k, sig) -> s.verify(k, MESSAGE, Arrays.copyOf(sig, 65))),
                malformed("an all-zero signature", (s, k, sig) -> s.verify(k, MESSAGE, new byte[64])),
                malformed("an all-ones signature", (s, k, sig) -> s.verify(k, MESSAGE, filled(64))));
    }

    private static byte[] filled(int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) 0xff);
        return bytes;
    }

    /** A verification with one input broken; the other two are a valid key and signature. */
    interface Verification {
        boolean run(Signatures signatures, byte[] publicKey, byte[] signature);
    }

    private static Arguments malformed(String name, Verification verification) {
        return Arguments.of(Named.of(name, verification));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedKeysAndSignaturesAreRefusedWithoutAnException(Verification verification) {
        Signatures.KeyPair keys = signatures().generate();
        byte[] signature = signatures().sign(keys.privateKey(), MESSAGE);

        assertThat(verification.run(signatures(), keys.publicKey(), signature)).isFalse();
    }
}
