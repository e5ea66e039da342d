package org.hivemesh.bootstrap.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.hivemesh.adapters.peers.crypto.Ed25519Signatures;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.event.MembershipAction;
import org.hivemesh.domain.event.UnsignedEvent;
import org.hivemesh.domain.peer.InstanceIds;

/**
 * An export file of one hive made up for a benchmark: a fresh Ed25519 origin, its agent joining, then
 * posts of ~500 bytes, each signed and carrying its origin's key as {@code hivemesh export} writes them. Importing it
 * verifies every event like any other file, so a benchmark gets a large signed history in the time of an import, not
 * of as many local writes.
 */
final class SignedHistory {
    private static final HexFormat HEX = HexFormat.of();
    private static final int CHUNK = 2_000;

    private SignedHistory() {
    }

    /** Writes {@code events} events (a join, then posts) of hive {@code hive} to {@code file}. */
    static void write(Path file, String hive, int events) throws IOException {
        Ed25519Signatures signatures = new Ed25519Signatures();
        var pair = signatures.generate();
        String key = HEX.formatHex(pair.publicKey());
        String origin = InstanceIds.fromPublicKey(pair.publicKey());
        String group = "grp_" + key.substring(0, 16);
        AgentRef author = new AgentRef(origin, "agt_" + key.substring(16, 32), "bench");
        long start = System.currentTimeMillis() - events;
        try (Writer out = Files.newBufferedWriter(file)) {
            out.write(JsonObject.builder().put("hivemesh_export", JsonObject.builder().put("version", 1).put("group", group)
                    .put("hive_name", hive).put("owner_instance_id", origin).put("owner_agent_id", author.agentId())
                    .put("since", 0).build()).build().canonical());
            out.write('\n');
            for (int from = 0; from < events; from += CHUNK) {
                int first = from;
                List<String> lines = IntStream.range(from, Math.min(events, from + CHUNK)).parallel()
                        .mapToObj(i -> line(new UnsignedEvent(group, origin, new Hlc(start + i, 0), i == first && i == 0
                                ? new EventPayload.MembershipChanged(author, MembershipAction.JOIN, author)
                                : new EventPayload.PostCreated("bench post " + i,
                                Optional.of("body " + i + " " + "x".repeat(400)), Optional.empty(), author)),
                                signatures, pair.privateKey(), key))
                        .toList();
                for (String line : lines) {
                    out.write(line);
                    out.write('\n');
                }
            }
        }
    }

    private static String line(UnsignedEvent event, Ed25519Signatures signatures, byte[] privateKey, String key) {
        JsonValue.Builder line = JsonObject.builder();
        event.signedWith(HEX.formatHex(signatures.sign(privateKey, event.canonicalBytes()))).toJson().members()
                .forEach(line::put);
        return line.put("key", key).build().canonical();
    }
}
