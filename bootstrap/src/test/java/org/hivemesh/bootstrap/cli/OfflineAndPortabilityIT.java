package org.hivemesh.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.hivemesh.adapters.peers.crypto.Ed25519Signatures;
import org.hivemesh.application.content.port.out.HiveStore;
import org.hivemesh.application.content.port.out.StateStore;
import org.hivemesh.application.shared.port.out.Signatures;
import org.hivemesh.application.sync.port.in.SyncGroupsUseCase;
import org.hivemesh.bootstrap.config.ConfigLoader;
import org.hivemesh.bootstrap.wiring.HivemeshInstance;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.event.UnsignedEvent;
import org.hivemesh.domain.peer.InstanceIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Offline recording, sync, export and import through the real command line against a real server. */
class OfflineAndPortabilityIT {
    private static final String ADMIN = "admin-token-for-offline-tests";
    private HivemeshInstance server;
    private String base;
    private String group;

    @BeforeEach
    void startServer() throws Exception {
        Path dir = Files.createTempDirectory("hivemesh-server");
        server = HivemeshInstance.start(ConfigLoader.load(Optional.empty(), java.util.Map.of(),
                java.util.Map.of("data_dir", dir.toString(), "port", "0", "heartbeat_interval", "1s")), ADMIN);
        base = server.baseUrl();
        MeshClient founder = new MeshClient(base, ADMIN).login("founder");
        founder.write("POST", "/api/v1/hives", "{\"name\":\"arch\"}");
        group = founder.admin("POST", "/api/v1/sync/groups", "{\"hive_name\":\"arch\"}").string("id");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private static String store() throws Exception {
        return Files.createTempDirectory("hivemesh-local").toString();
    }

    private String serverDigest() {
        return server.service(SyncGroupsUseCase.class).group(group).stateDigest();
    }

    private static String localDigest(String dataDir, String hive) {
        try (HivemeshInstance local = HivemeshInstance.openLocal(ConfigLoader.load(Optional.empty(), java.util.Map.of(),
                java.util.Map.of("data_dir", dataDir)))) {
            String groupId = local.service(HiveStore.class).byName(hive).orElseThrow().groupId();
            return local.service(StateStore.class).stateDigest(groupId);
        }
    }

    private static Cli.Run decide(String dataDir, String choice) {
        return Cli.run("record", "--offline", "--data-dir", dataDir, "-g", "arch", "-d", "we pick " + choice,
                "--topic", "database", "--choice", choice, "-f", "0.85", "-c", "arch", "-s", "medium");
    }

    @Test
    void twoOfflineStoresSyncThroughOneServerToOneDigestAndAReviewReachesEveryone() throws Exception {
        String first = store();
        String second = store();
        assertThat(Cli.run("sync", "--server", base, "-g", "arch", "--data-dir", first).exitCode()).isZero();
        assertThat(Cli.run("sync", "--server", base, "-g", "arch", "--data-dir", second).exitCode()).isZero();

        Cli.Run once = decide(first, "postgres");
        Cli.Run again = decide(first, "postgres");
        decide(second, "mongo");
        Cli.run("record", "--offline", "--data-dir", second, "-g", "arch", "post", "--title", "written offline");

        assertThat(once.exitCode()).isZero();
        assertThat(again.lastLine()).isEqualTo(once.lastLine()).startsWith("dec_");
        assertThat(Cli.run("sync", "--server", base, "--data-dir", first).exitCode()).isZero();
        assertThat(Cli.run("sync", "--server", base, "--data-dir", second).exitCode()).isZero();
        assertThat(Cli.run("sync", "--server", base, "--data-dir", first).exitCode()).isZero();

        assertThat(localDigest(first, "arch")).isEqualTo(serverDigest());
        assertThat(localDigest(second, "arch")).isEqualTo(serverDigest());
        MeshClient reviewer = new MeshClient(base, ADMIN).login("reviewer");
        List<?> conflicts = ((org.hivemesh.domain.event.JsonValue.JsonArray)
                reviewer.write("GET", "/api/v1/hives/arch/conflicts", null).required("data")).items();
        assertThat(conflicts).hasSize(1);
        String conflictId = ((JsonObject) conflicts.get(0)).string("conflict_id");
        reviewer.write("POST", "/api/v1/conflicts/" + conflictId + "/review",
                "{\"keep_decision_id\":\"" + once.lastLine() + "\",\"note\":\"SQL\"}");
        Cli.run("sync", "--server", base, "--data-dir", first);
        Cli.run("sync", "--server", base, "--data-dir", second);
        assertThat(localDigest(first, "arch")).isEqualTo(serverDigest());
        assertThat(localDigest(second, "arch")).isEqualTo(serverDigest());
        assertThat(server.service(SyncGroupsUseCase.class).group(group).eventCount()).isEqualTo(1 + 2 + 1 + 1);
    }

    private List<JsonObject> serverDecisions() {
        MeshClient reader = new MeshClient(base, ADMIN).login("reader");
        return ((org.hivemesh.domain.event.JsonValue.JsonArray) reader.write("GET", "/api/v1/hives/arch/decisions", null)
                .required("data")).items().stream().map(JsonObject.class::cast).toList();
    }

    @Test
    void recordingOfflineBeforeEverSeeingTheServerThenSyncingPutsOneDecisionPerRecordingThere() throws Exception {
        String fresh = store();
        Cli.Run first = decide(fresh, "postgres");
        Cli.Run repeated = decide(fresh, "postgres");
        Cli.Run other = decide(fresh, "sqlite");
        long before = server.service(SyncGroupsUseCase.class).group(group).eventCount();

        Cli.Run synced = Cli.run("sync", "--server", base, "-g", "arch", "--data-dir", fresh);
        Cli.Run again = Cli.run("sync", "--server", base, "-g", "arch", "--data-dir", fresh);
        Cli.Run afterwards = decide(fresh, "postgres");
        Cli.Run last = Cli.run("sync", "--server", base, "--data-dir", fresh);

        assertThat(first.exitCode()).isZero();
        assertThat(repeated.lastLine()).isEqualTo(first.lastLine());
        assertThat(other.exitCode()).isZero();
        assertThat(synced.exitCode()).as(synced.out()).isZero();
        assertThat(again.exitCode()).isZero();
        assertThat(last.exitCode()).isZero();
        List<JsonObject> decisions = serverDecisions();
        assertThat(decisions).extracting(d -> d.string("choice")).containsExactlyInAnyOrder("postgres", "sqlite");
        assertThat(decisions).extracting(d -> d.object("author").string("name")).containsOnly(
                System.getenv().getOrDefault("USER", "offline"));
        assertThat(afterwards.lastLine()).as("the same recording after adoption is still the one decision")
                .isIn(decisions.stream().map(d -> d.string("decision_id")).toList());
        // The local store's membership and its two decisions, once each.
        assertThat(server.service(SyncGroupsUseCase.class).group(group).eventCount()).isEqualTo(before + 3);
        assertThat(localDigest(fresh, "arch")).isEqualTo(serverDigest());
    }

    private static List<JsonObject> localDecisions(String dataDir) {
        try (HivemeshInstance local = HivemeshInstance.openLocal(ConfigLoader.load(Optional.empty(), java.util.Map.of(),
                java.util.Map.of("data_dir", dataDir)))) {
            String groupId = local.service(HiveStore.class).byName("arch").orElseThrow().groupId();
            return local.service(StateStore.class).entities(groupId, org.hivemesh.domain.hive.EntityKind.DECISION).stream()
                    .map(e -> e.created().orElseThrow()).toList();
        }
    }

    private static Path exportOf(String dataDir) throws Exception {
        Path file = Files.createTempFile("arch", ".jsonl");
        Files.writeString(file, Cli.run("export", "--data-dir", dataDir, "-g", "arch").out());
        return file;
    }

    @Test
    void importAdoptMergesTwoIndependentlyCreatedHivesAndRecognisesWhatIsAlreadyThere() throws Exception {
        String mine = store();
        String theirs = store();
        decide(mine, "mongo");
        decide(theirs, "postgres");
        decide(theirs, "sqlite");
        Path firstExport = exportOf(theirs);

        Cli.Run plain = Cli.run("import", "--data-dir", mine, firstExport.toString());
        Cli.Run adopted = Cli.run("import", "--adopt", "--data-dir", mine, "-g", "arch", firstExport.toString());
        Cli.Run again = Cli.run("import", "--adopt", "--data-dir", mine, "-g", "arch", firstExport.toString());
        decide(theirs, "sqlite");
        decide(theirs, "oracle");
        Cli.Run later = Cli.run("import", "--adopt", "--data-dir", mine, "-g", "arch", exportOf(theirs).toString());

        assertThat(plain.exitCode()).as("another lineage is not imported without --adopt").isNotZero();
        // Their agent's membership and two decisions; both contradict ours on the topic.
        assertThat(adopted.out()).as(adopted.out()).contains("new 3", "duplicate 0", "flagged 2", "rejected 0");
        assertThat(again.out()).contains("new 0", "duplicate 3", "rejected 0");
        assertThat(later.out()).contains("new 1", "duplicate 3", "rejected 0");
        assertThat(localDecisions(mine)).extracting(d -> d.string("choice"))
                .containsExactlyInAnyOrder("mongo", "postgres", "sqlite", "oracle");

        Cli.Run toServer = Cli.run("import", "--json", "--adopt", "--server", base, "--admin-token", ADMIN, "-g", group,
                firstExport.toString());
        Cli.Run toServerAgain = Cli.run("import", "--json", "--adopt", "--server", base, "--admin-token", ADMIN, "-g", group,
                firstExport.toString());
        assertThat(toServer.exitCode()).as(toServer.out()).isZero();
        assertThat(toServer.out()).contains("\"new\":3", "\"duplicate\":0");
        assertThat(toServerAgain.out()).contains("\"new\":0", "\"duplicate\":3");
        assertThat(serverDecisions()).extracting(d -> d.string("choice")).containsExactlyInAnyOrder("postgres", "sqlite");
    }

    @Test
    void anExportImportedIntoAnEmptyStoreGivesTheSameDigest() throws Exception {
        MeshClient alice = new MeshClient(base, ADMIN).login("alice");
        for (int i = 0; i < 5; i++) {
            String post = alice.write("POST", "/api/v1/hives/arch/posts", "{\"title\":\"p" + i + "\"}").string("post_id");
            alice.write("POST", "/api/v1/posts/" + post + "/comments", "{\"content\":\"c\"}");
        }
        Path file = Files.createTempFile("arch", ".jsonl");
        Cli.Run export = Cli.run("export", "--server", base, "--admin-token", ADMIN, "-g", group);
        Files.writeString(file, export.out());
        String empty = store();

        Cli.Run imported = Cli.run("import", "--data-dir", empty, file.toString());
        Cli.Run again = Cli.run("import", "--data-dir", empty, file.toString());

        assertThat(imported.out()).contains("new 11", "duplicate 0", "rejected 0");
        assertThat(again.out()).contains("new 0", "duplicate 11");
        assertThat(localDigest(empty, "arch")).isEqualTo(serverDigest());
    }

    @Test
    void importReportsForgedDuplicatedTruncatedAndForeignLinesExactly() throws Exception {
        MeshClient alice = new MeshClient(base, ADMIN).login("alice");
        alice.write("POST", "/api/v1/hives/arch/posts", "{\"title\":\"genuine\"}");
        String[] export = Cli.run("export", "--server", base, "--admin-token", ADMIN, "-g", group).out().strip().split("\n");
        Ed25519Signatures ed25519 = new Ed25519Signatures();
        Signatures.KeyPair keys = ed25519.generate();
        String origin = InstanceIds.fromPublicKey(keys.publicKey());
        UnsignedEvent body = new UnsignedEvent(group, origin, new Hlc(1_800_000_000_000L, 0),
                new EventPayload.PostCreated("forged", Optional.empty(), Optional.empty(), new AgentRef(origin, "agt_x", "x")));
        String forged = body.signedWith(HexFormat.of().formatHex(ed25519.sign(ed25519.generate().privateKey(),
                body.canonicalBytes()))).toJson().canonical().replace("}", ",\"key\":\"" + HexFormat.of().formatHex(keys.publicKey()) + "\"}");
        UnsignedEvent foreignBody = new UnsignedEvent("grp_elsewhere", origin, new Hlc(1_800_000_000_001L, 0),
                new EventPayload.PostCreated("elsewhere", Optional.empty(), Optional.empty(), new AgentRef(origin, "agt_x", "x")));
        String foreign = foreignBody.signedWith(HexFormat.of().formatHex(ed25519.sign(keys.privateKey(),
                foreignBody.canonicalBytes()))).toJson().canonical();
        List<String> lines = new ArrayList<>(List.of(export));
        lines.add(forged);
        lines.add(export[export.length - 1]);
        lines.add(foreign);
        lines.add(export[1].substring(0, export[1].length() / 2));
        Path file = Files.createTempFile("crafted", ".jsonl");
        Files.write(file, lines);
        // A genuine line with one byte made invalid UTF-8 (an overlong '/'): refused, not repaired into U+FFFD.
        byte[] genuine = export[1].getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream corrupt = new ByteArrayOutputStream();
        corrupt.write(genuine, 0, 10);
        corrupt.write(0xC0);
        corrupt.write(0xAF);
        corrupt.write(genuine, 10, genuine.length - 10);
        corrupt.write('\n');
        Files.write(file, corrupt.toByteArray(), StandardOpenOption.APPEND);
        int n = export.length;

        Cli.Run report = Cli.run("import", "--data-dir", store(), file.toString());

        assertThat(report.exitCode()).isEqualTo(3);
        assertThat(report.out()).contains("new " + (n - 1), "duplicate 1", "rejected 4",
                "line " + (n + 1) + ": signature does not verify",
                "line " + (n + 3) + ": event is for group grp_elsewhere",
                "line " + (n + 4) + ": not a JSON object (truncated or corrupt line)",
                "line " + (n + 5) + ": not UTF-8 (invalid byte sequence at byte 10 of the line)");
        // The server variant reports alike and exits alike; --json prints the server's report either way.
        Cli.Run overHttp = Cli.run("import", "--server", base, "--admin-token", ADMIN, "-g", group, file.toString());
        Cli.Run overHttpJson = Cli.run("import", "--json", "--server", base, "--admin-token", ADMIN, file.toString());
        Cli.Run localJson = Cli.run("import", "--json", "--data-dir", store(), file.toString());
        assertThat(overHttp.exitCode()).isEqualTo(report.exitCode());
        assertThat(overHttp.out()).contains("imported " + group + ": new 0, duplicate " + n, "rejected 4",
                "line " + (n + 5) + ": not UTF-8 (invalid byte sequence at byte 10 of the line)");
        assertThat(List.of(overHttpJson, localJson)).allSatisfy(run -> {
            assertThat(run.exitCode()).isEqualTo(3);
            assertThat(run.out()).contains("\"rejected\":4", "{\"line\":" + (n + 5)
                    + ",\"reason\":\"not UTF-8 (invalid byte sequence at byte 10 of the line)\"}");
        });
    }

    @Test
    void anImportOfManyChunksReportsEveryRejectionInLineOrderAndStoresAllTheRest() throws Exception {
        Path whole = Files.createTempFile("many", ".jsonl");
        SignedHistory.write(whole, "many", 1_500);
        List<String> lines = new ArrayList<>(Files.readAllLines(whole));
        // Lines in the first, second and third chunk of the import are cut short; the file's line 1 is its header.
        List<Integer> cut = List.of(100, 600, 1_400);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (cut.contains(i + 1)) {
                kept.add(null);
                lines.set(i, lines.get(i).substring(0, lines.get(i).length() / 2));
            } else {
                kept.add(lines.get(i));
            }
        }
        Path damaged = Files.createTempFile("damaged", ".jsonl");
        Files.write(damaged, lines);
        Path withoutThem = Files.createTempFile("without", ".jsonl");
        Files.write(withoutThem, kept.stream().filter(java.util.Objects::nonNull).toList());
        String into = store();
        String reference = store();

        Cli.Run report = Cli.run("import", "--data-dir", into, damaged.toString());
        Cli.Run again = Cli.run("import", "--data-dir", into, damaged.toString());
        Cli.Run clean = Cli.run("import", "--data-dir", reference, withoutThem.toString());

        assertThat(report.out()).contains("new 1497", "duplicate 0", "rejected 3");
        String out = report.out();
        assertThat(cut).allSatisfy(line -> assertThat(out).contains("line " + line + ": not a JSON object"));
        assertThat(out.indexOf("line 100:")).isLessThan(out.indexOf("line 600:"));
        assertThat(out.indexOf("line 600:")).isLessThan(out.indexOf("line 1400:"));
        assertThat(again.out()).contains("new 0", "duplicate 1497", "rejected 3");
        assertThat(clean.out()).contains("new 1497", "rejected 0");
        assertThat(localDigest(into, "many")).isEqualTo(localDigest(reference, "many"));
    }
}
