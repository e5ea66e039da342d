package org.hivemesh.bootstrap.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.hivemesh.application.agents.port.in.AgentUseCases;
import org.hivemesh.application.agents.port.in.Principal;
import org.hivemesh.application.agents.port.in.Scope;
import org.hivemesh.application.content.port.in.ContentUseCases;
import org.hivemesh.application.content.port.in.HiveUseCases;
import org.hivemesh.application.content.port.in.ReadUseCases;
import org.hivemesh.application.content.port.out.StateStore;
import org.hivemesh.application.sync.port.in.GroupStatus;
import org.hivemesh.application.sync.port.in.SyncGroupsUseCase;
import org.hivemesh.application.sync.port.in.SyncPeersUseCase;
import org.hivemesh.bootstrap.config.AdminToken;
import org.hivemesh.bootstrap.config.ConfigLoader;
import org.hivemesh.bootstrap.config.DataDirectory;
import org.hivemesh.bootstrap.wiring.HivemeshInstance;
import org.hivemesh.bootstrap.wiring.Mesh;
import org.hivemesh.domain.group.Consent;
import org.hivemesh.domain.group.SyncGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's shell blocks run as written. Every ```sh block is either run here — the blocks of one section in
 * order, in one bash, against fresh instances on free loopback ports — or marked on the line before it with
 * {@code <!-- readme: not run — reason -->}; a block that is neither fails {@link #everyShellBlockIsRunOrMarked}.
 * What a run changes in the text: the addresses the README uses ({@code http://10.0.0.1:7070}, ...) become the
 * instances' real ones, {@code ./hivemesh} is the same command line on the test classpath ({@code serve} goes to the
 * background once it listens, and stops with the section), and every curl fails the run on an HTTP error and gives
 * up after 60 s. Each block has {@link #BLOCK_BUDGET}; a failure names the block's README line, the failing
 * command's line and the output.
 */
class ReadmeIT {
    private static final Path README = Path.of("..", "README.md");
    private static final Pattern HEADING = Pattern.compile("^#{2,3} (.+)$");
    private static final Pattern FENCE = Pattern.compile("^```(\\w*)\\s*$");
    private static final Pattern NOT_RUN = Pattern.compile("^<!-- readme: not run — (\\S.*\\S) -->$");
    private static final Pattern CAPTURE = Pattern.compile("(?m)^\\s*([A-Z][A-Z0-9_]*)=\\$\\(");
    private static final Duration BLOCK_BUDGET = Duration.ofSeconds(180);
    private static final String ADMIN_TOKEN_FILE = "admin.token";
    private static final String GOVERNED = "Governed groups (consent before a merge)";
    private static final String ROSTER = "Roster without owner authority";

    /** The sections run here; each has its test below. */
    static final List<String> RUN = List.of("Two commands", "A first session with curl",
            "Sharing a hive between instances (mesh sync)", "HTTPS", "Security model", GOVERNED, ROSTER,
            "Hubless (gossip)",
            "Hub-assisted", "Offline recording, then sync", "Export, import, federation",
            "Backup, restore and upgrades");

    @TempDir
    Path work;
    private final List<HivemeshInstance> instances = new ArrayList<>();
    /** Where {@code ./hivemesh serve} listens when the block gives no port: the README's 7070 on a free port. */
    private int servePort;

    /** One fenced shell block: its opening line (1-based), section, text, and the reason it is not run, if marked. */
    record Block(int line, String section, String text, Optional<String> notRun) {
        String where() {
            return "README.md:" + line + " (section \"" + section + "\")";
        }
    }

    static List<Block> shellBlocks(String readme) {
        String[] lines = readme.split("\n", -1);
        List<Block> blocks = new ArrayList<>();
        String section = "(top)";
        for (int i = 0; i < lines.length; i++) {
            Matcher heading = HEADING.matcher(lines[i]);
            Matcher fence = FENCE.matcher(lines[i]);
            if (heading.matches()) {
                section = heading.group(1).strip();
            } else if (fence.matches()) {
                int start = i;
                StringBuilder text = new StringBuilder();
                for (i++; i < lines.length && !lines[i].startsWith("```"); i++) {
                    text.append(lines[i]).append('\n');
                }
                if (List.of("sh", "bash", "shell", "console").contains(fence.group(1))) {
                    int before = start - 1;
                    while (before >= 0 && lines[before].isBlank()) {
                        before--;
                    }
                    Matcher marker = before >= 0 ? NOT_RUN.matcher(lines[before].strip()) : NOT_RUN.matcher("");
                    blocks.add(new Block(start + 1, section, text.toString(),
                            marker.matches() ? Optional.of(marker.group(1)) : Optional.empty()));
                }
            }
        }
        return blocks;
    }

    private static List<Block> readmeBlocks() throws IOException {
        return shellBlocks(Files.readString(README));
    }

    @AfterEach
    void stop() throws IOException {
        for (HivemeshInstance instance : instances) {
            instance.close();
        }
        Path served = work.resolve("served.pids");
        if (Files.exists(served)) {
            for (String pid : Files.readAllLines(served)) {
                ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(p -> {
                    p.destroy();
                    p.onExit().orTimeout(30, TimeUnit.SECONDS).join();
                });
            }
        }
    }

    @Test
    void everyShellBlockIsRunOrMarked() throws IOException {
        List<Block> blocks = readmeBlocks();
        assertThat(blocks).as("the README's shell blocks").hasSizeGreaterThan(10);
        List<String> unaccounted = blocks.stream().filter(b -> b.notRun().isEmpty() && !RUN.contains(b.section()))
                .map(b -> b.where() + " starting `" + b.text().lines().findFirst().orElse("") + "`")
                .collect(Collectors.toList());
        assertThat(unaccounted).as("shell blocks neither run by ReadmeIT (its RUN sections) nor marked on the line "
                + "before with <!-- readme: not run — reason -->").isEmpty();
        assertThat(RUN).as("sections ReadmeIT runs").allSatisfy(section -> assertThat(blocks)
                .as("runnable blocks of " + section).anyMatch(b -> b.section().equals(section) && b.notRun().isEmpty()));
    }

    @Test
    void serveStartsAnInstanceThatLeavesItsAdminTokenInTheDataDir() throws Exception {
        servePort = freePort();
        String out = runSection("Two commands", work, Map.of(), Map.of(),
                "command curl -s --fail-with-body http://127.0.0.1:$README_SERVE_PORT/readyz");

        assertThat(out).contains("listening on http://127.0.0.1:" + servePort).contains("\"status\":\"ready\"");
        assertThat(admin("data")).isNotBlank();
    }

    @Test
    void theFirstSessionWithCurlRunsAsWritten() throws Exception {
        HivemeshInstance instance = start("data", Map.of());
        String out = runSection("A first session with curl", work,
                Map.of("http://127.0.0.1:7070", instance.baseUrl()), Map.of(),
                "echo \"captured BOB=$BOB\"");

        AgentUseCases agents = instance.service(AgentUseCases.class);
        Principal reader = agents.authenticate(agents.openSession(new AgentUseCases.OpenSessionCommand(
                agents.createAgent(new AgentUseCases.CreateAgentCommand("reader")).apiKey(), Scope.READ)).token());
        ReadUseCases.HiveSummary hive = instance.service(ReadUseCases.class).hives(reader).stream()
                .filter(h -> h.hive().name().equals("ml-lab")).findFirst().orElseThrow();
        Matcher bob = Pattern.compile("captured BOB=(\\S+)").matcher(out);
        assertThat(bob.find()).as(out).isTrue();
        assertThat(hive.settings().get("rules").canonical()).isEqualTo("\"be kind\"");
        assertThat(hive.members().values()).contains("banned");
        assertThat(hive.moderators()).anySatisfy(m -> assertThat(m).endsWith(bob.group(1)));
        assertThat(instance.service(ReadUseCases.class).conflicts(reader, "ml-lab", false))
                .as("no contradiction left open once reviewed").isEmpty();
        assertThat(instance.service(ReadUseCases.class).conflicts(reader, "ml-lab", true)).hasSize(1);
    }

    @Test
    void meshSyncSharesJoinsAndIsWatched() throws Exception {
        HivemeshInstance a = start("a", Map.of());
        HivemeshInstance b = start("b", Map.of());
        HivemeshInstance c = start("c", Map.of());
        createHive(a, "ml-lab");
        runSection("Sharing a hive between instances (mesh sync)", work,
                Map.of("http://10.0.0.1:7070", a.baseUrl(), "http://10.0.0.2:7070", b.baseUrl(),
                        "http://10.0.0.3:7070", c.baseUrl()),
                Map.of("ADMIN_A", admin("a"), "ADMIN_B", admin("b"), "ADMIN_C", admin("c")), "");

        String digest = group(a, "ml-lab").stateDigest();
        Mesh.await("B, joined, and C, with A as a standing peer, hold A's hive", () -> hasGroup(b, "ml-lab", digest)
                && hasGroup(c, "ml-lab", digest));
    }

    @Test
    void httpsWithASelfSignedCertificate() throws Exception {
        servePort = freePort();
        String out = runSection("HTTPS", work, Map.of("127.0.0.1:7070", "127.0.0.1:" + servePort), Map.of(), "");

        assertThat(out).contains("listening on https://127.0.0.1:" + servePort).contains("{\"status\":\"ready\",\"store\":true}");
    }

    @Test
    void offlineRecordsSyncIntoTheServersHive() throws Exception {
        HivemeshInstance a = start("a", Map.of());
        createHive(a, "arch");
        a.service(SyncGroupsUseCase.class).createGroup(new SyncGroupsUseCase.CreateGroupCommand("arch",
                Consent.OPEN, Optional.empty()));
        runSection("Offline recording, then sync", work, Map.of("http://10.0.0.1:7070", a.baseUrl()), Map.of(), "");

        AgentUseCases agents = a.service(AgentUseCases.class);
        Principal reader = agents.authenticate(agents.openSession(new AgentUseCases.OpenSessionCommand(
                agents.createAgent(new AgentUseCases.CreateAgentCommand("reader")).apiKey(), Scope.READ)).token());
        ReadUseCases reads = a.service(ReadUseCases.class);
        assertThat(reads.decisions(reader, "arch")).anySatisfy(d -> assertThat(d.choice()).isEqualTo("postgres"));
        assertThat(reads.feed(reader, "arch", StateStore.FeedOrder.NEW, 10,
                Optional.empty()).posts()).anySatisfy(p -> {
                    assertThat(p.title()).isEqualTo("Notes from the field");
                    assertThat(p.score()).isEqualTo(1);
                    assertThat(p.commentCount()).isEqualTo(1);
                });
    }

    @Test
    void backupOfALiveStoreRestoresAndServes() throws Exception {
        HivemeshInstance live = start("data", Map.of());
        createHive(live, "ml-lab");
        int port = freePort();
        String out = runSection("Backup, restore and upgrades", work, Map.of("--port 7070", "--port " + port),
                Map.of(), "command curl -s --fail-with-body http://127.0.0.1:" + port + "/.well-known/hivemesh.json");

        assertThat(out).containsPattern("backed up \\S+ to backups/hivemesh-\\d{4}-\\d{2}-\\d{2}\\.db")
                .contains("listening on http://127.0.0.1:" + port).contains(live.identity().instanceId());
    }

    @Test
    void exportImportAdoptAndFederateAfterRecordingOffline() throws Exception {
        HivemeshInstance a = start("a", Map.of());
        HivemeshInstance b = start("b", Map.of());
        createHive(a, "arch");
        String group = a.service(SyncGroupsUseCase.class).createGroup(new SyncGroupsUseCase.CreateGroupCommand("arch",
                Consent.OPEN, Optional.empty())).group().groupId();
        b.service(SyncPeersUseCase.class).join(new SyncPeersUseCase.JoinCommand(a.baseUrl(), "arch"));
        Map<String, String> addresses = Map.of("http://10.0.0.1:7070", a.baseUrl(), "http://10.0.0.2:7070", b.baseUrl());
        Map<String, String> tokens = Map.of("ADMIN_A", admin("a"), "ADMIN_B", admin("b"));
        runSection("Offline recording, then sync", work, addresses, tokens, "");
        int peersOfA = a.service(SyncPeersUseCase.class).peers().size();
        String out = runSection("Export, import, federation", work, addresses, tokens, "");

        assertThat(out).containsPattern("imported " + group + ": new \\d+, duplicate \\d+");
        assertThat(out).containsPattern("federated arch from \\S+, adopting: new \\d+, duplicate \\d+, flagged \\d+, "
                + "rejected 0");
        Mesh.await("the post adopted from elsewhere on A", () -> feedTitles(a, "arch").contains("Written elsewhere"));
        assertThat(a.service(SyncPeersUseCase.class).peers()).as("federate leaves no peer entry").hasSize(peersOfA);
    }

    private static List<String> feedTitles(HivemeshInstance instance, String hive) {
        AgentUseCases agents = instance.service(AgentUseCases.class);
        Principal reader = agents.authenticate(agents.openSession(new AgentUseCases.OpenSessionCommand(
                agents.createAgent(new AgentUseCases.CreateAgentCommand("reader")).apiKey(), Scope.READ)).token());
        return instance.service(ReadUseCases.class).feed(reader, hive, StateStore.FeedOrder.NEW, 100, Optional.empty())
                .posts().stream().map(p -> p.title()).collect(Collectors.toList());
    }

    @Test
    void gossipTurnsAChainOfThreePeerEntriesIntoAFullMesh() throws Exception {
        Map<String, HivemeshInstance> nodes = new LinkedHashMap<>();
        Map<String, String> addresses = new HashMap<>();
        Map<String, String> tokens = new HashMap<>();
        for (String name : List.of("a", "b", "c", "d")) {
            nodes.put(name, start(name, Map.of()));
            addresses.put("http://" + name + ":7070", nodes.get(name).baseUrl());
            tokens.put("ADMIN_" + name.toUpperCase(Locale.ROOT), admin(name));
        }
        createHive(nodes.get("a"), "eng");
        runSection("Hubless (gossip)", work, addresses, tokens, "");

        String digest = group(nodes.get("a"), "eng").stateDigest();
        Mesh.await("every instance knows the three others and holds A's eng", () -> nodes.values().stream()
                .allMatch(n -> n.service(SyncPeersUseCase.class).peers().size() == 3 && hasGroup(n, "eng", digest)));
    }

    @Test
    void hubAssistedInstancesFindEachOtherWithoutPeerEntries() throws Exception {
        int hubPort = freePort();
        String hub = "http://127.0.0.1:" + hubPort;
        Map<String, String> addresses = new HashMap<>(Map.of("http://hub:7000", hub, "--port 7000", "--port " + hubPort));
        String first = runSection("Hub-assisted", 0, 1, work, addresses, Map.of(), "echo \"@@KEY=$KEY\"");
        Matcher key = Pattern.compile("@@KEY=(\\S+)").matcher(first);
        assertThat(key.find()).as(first).isTrue();
        Map<String, String> tokens = new HashMap<>(Map.of("ADMIN_HUB", admin("data")));
        List<HivemeshInstance> three = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            three.add(start(name, Map.of("discovery", "hub", "hub_url", hub, "hub_key", key.group(1))));
            addresses.put("http://" + name + ":7070", three.get(three.size() - 1).baseUrl());
            tokens.put("ADMIN_" + name.toUpperCase(Locale.ROOT), admin(name));
        }
        createHive(three.get(0), "eng");
        runSection("Hub-assisted", 1, Integer.MAX_VALUE, work, addresses, tokens, "");

        String digest = group(three.get(0), "eng").stateDigest();
        Mesh.await("B and C joined A's eng through the hub", () -> three.stream().allMatch(n -> hasGroup(n, "eng", digest)));
    }

    @Test
    void securityModelCallsOnAnInstanceSharingAHiveWithAnother() throws Exception {
        HivemeshInstance a = start("a", Map.of());
        HivemeshInstance b = start("b", Map.of());
        AgentUseCases agentsOfA = a.service(AgentUseCases.class);
        String alice = agentsOfA.openSession(new AgentUseCases.OpenSessionCommand(agentsOfA.createAgent(
                new AgentUseCases.CreateAgentCommand("alice")).apiKey(), Scope.READ_WRITE)).token();
        a.service(HiveUseCases.class).createHive(agentsOfA.authenticate(alice),
                new HiveUseCases.CreateHiveCommand("ml-lab", "ML research hub"));
        a.service(SyncGroupsUseCase.class).createGroup(new SyncGroupsUseCase.CreateGroupCommand("ml-lab", Consent.OPEN,
                Optional.empty()));
        b.service(SyncPeersUseCase.class).join(new SyncPeersUseCase.JoinCommand(a.baseUrl(), "ml-lab"));
        AgentUseCases agentsOfB = b.service(AgentUseCases.class);
        Principal bob = agentsOfB.authenticate(agentsOfB.openSession(new AgentUseCases.OpenSessionCommand(agentsOfB
                .createAgent(new AgentUseCases.CreateAgentCommand("bob")).apiKey(), Scope.READ_WRITE)).token());
        String bobOnB = b.service(ContentUseCases.class).createPost(bob, new ContentUseCases.CreatePostCommand("ml-lab",
                "from lab-b", Optional.empty(), Optional.empty())).author().agentId();
        Mesh.await("bob's post on A", () -> feedTitles(a, "ml-lab").contains("from lab-b"));

        String out = runSection("Security model", work, Map.of("http://10.0.0.1:7070", a.baseUrl()),
                Map.of("ADMIN_A", admin("a"), "AUTH", "Authorization: Bearer " + alice), "");

        ReadUseCases.HiveSummary hive = a.service(ReadUseCases.class).hive(agentsOfA.authenticate(alice), "ml-lab");
        assertThat(hive.moderators()).as(out).anySatisfy(m -> assertThat(m).contains(b.identity().instanceId())
                .endsWith(bobOnB));
        assertThat(out).contains("\"may_execute\":true");
    }

    @Test
    void governedGroupAdmitsJoinersOnceTheRosterApprovedThenCadenceAndLiberation() throws Exception {
        HivemeshInstance a = start("a", Map.of());
        HivemeshInstance b = start("b", Map.of());
        HivemeshInstance c = start("c", Map.of());
        createHive(a, "board");
        AgentUseCases agents = a.service(AgentUseCases.class);
        String key = agents.createAgent(new AgentUseCases.CreateAgentCommand("writer")).apiKey();
        Principal writer = agents.authenticate(agents.openSession(new AgentUseCases.OpenSessionCommand(key,
                Scope.READ_WRITE)).token());
        a.service(ContentUseCases.class).createPost(writer, new ContentUseCases.CreatePostCommand("board",
                "agenda", Optional.empty(), Optional.empty()));
        Map<String, String> addresses = Map.of("http://10.0.0.1:7070", a.baseUrl(), "http://10.0.0.2:7070", b.baseUrl(),
                "http://10.0.0.3:7070", c.baseUrl());
        Map<String, String> tokens = new HashMap<>(Map.of("ADMIN_A", admin("a"), "ADMIN_B", admin("b"),
                "ADMIN_C", admin("c")));

        String joins = runSection(GOVERNED, 0, 2, work, addresses, tokens, "echo \"@@GROUP=$GROUP\"");

        Matcher captured = Pattern.compile("@@GROUP=(\\S+)").matcher(joins);
        assertThat(captured.find()).as(joins).isTrue();
        String id = captured.group(1);
        assertThat(group(a, "board").group().groupId()).isEqualTo(id);
        assertThat(group(a, "board").group().consent()).isEqualTo(Consent.ROSTER);
        assertThat(joins).as("B's join waited for the roster").contains("\"status\":\"approval_pending\"")
                .contains("\"state\":\"pending_approval\"");
        List<String> members = List.of(a.identity().instanceId(), b.identity().instanceId(), c.identity().instanceId());
        Mesh.await("B and C admitted, holding A's hive, and all three showing the same roster of three", () -> {
            String digest = group(a, "board").stateDigest();
            return hasGroup(b, "board", digest) && hasGroup(c, "board", digest)
                    && List.of(a, b, c).stream().allMatch(n -> group(n, "board").roster().containsAll(members));
        });
        assertThat(joins.split("merge_executed", -1).length - 1).as("an audit record for each admission")
                .isGreaterThanOrEqualTo(2);

        // what the shell of the blocks above holds
        tokens.putAll(Map.of("GROUP", id, "A", a.baseUrl(), "B", b.baseUrl(), "C", c.baseUrl()));
        String roster = runSection(ROSTER, work, addresses, tokens, "");

        assertThat(roster).contains("not_on_roster");
        assertThat(group(a, "board").group().ownerInstanceId()).isEqualTo(a.identity().instanceId());
        assertThat(roster.split(a.identity().instanceId(), -1).length - 1)
                .as("the owner before and after the refused transfer, and on the roster").isGreaterThanOrEqualTo(3);

        String oversight = runSection(GOVERNED, 2, 3, work, addresses, tokens, "");

        assertThat(oversight).contains("oversight.by must be 'admin' or 'roster', got 'owner'");
        assertThat(oversight.lines().filter(l -> l.contains("\"by\":\"roster\",\"max_deletes\":5")).count())
                .as("the policy set, and the same after the refused change").isEqualTo(2);

        runSection(GOVERNED, 3, 4, work, addresses, tokens, "");

        assertThat(group(b, "board").cadence()).isEqualTo("nightly");
        assertThat(group(c, "board").cadence()).as("cadence is each instance's own").isEqualTo("continuous");

        String fork = runSection(GOVERNED, 4, Integer.MAX_VALUE, work, addresses, tokens, "");

        List<SyncGroup> onB = b.service(SyncGroupsUseCase.class).status().groups().stream().map(GroupStatus::group)
                .filter(g -> g.hiveName().equals("board")).collect(Collectors.toList());
        assertThat(onB).as(fork).extracting(SyncGroup::groupId).hasSize(1).doesNotContain(id);
        SyncGroup liberated = onB.get(0);
        assertThat(liberated.lineage()).isEqualTo(liberated.groupId())
                .isNotEqualTo(group(a, "board").group().lineage());
        assertThat(liberated.ownerInstanceId()).isEqualTo(b.identity().instanceId());
        assertThat(fork).contains(liberated.groupId());
        assertThat(feedTitles(b, "board")).as("the fork keeps the content").contains("agenda");
        assertThat(group(a, "board").group().groupId()).as("A's group goes on as it was").isEqualTo(id);
    }

    private static boolean hasGroup(HivemeshInstance instance, String hive, String digest) {
        return instance.service(SyncGroupsUseCase.class).status().groups().stream()
                .anyMatch(g -> g.group().hiveName().equals(hive) && g.stateDigest().equals(digest));
    }

    private static GroupStatus group(HivemeshInstance instance, String hive) {
        return instance.service(SyncGroupsUseCase.class).status().groups().stream()
                .filter(g -> g.group().hiveName().equals(hive)).findFirst().orElseThrow();
    }

    /** A hive with a post, made by an agent of the instance, as the first session leaves it. */
    private static void createHive(HivemeshInstance instance, String name) {
        AgentUseCases agents = instance.service(AgentUseCases.class);
        Principal owner = agents.authenticate(agents.openSession(new AgentUseCases.OpenSessionCommand(
                agents.createAgent(new AgentUseCases.CreateAgentCommand("owner")).apiKey(), Scope.READ_WRITE)).token());
        instance.service(HiveUseCases.class).createHive(owner, new HiveUseCases.CreateHiveCommand(name, "from ReadmeIT"));
    }

    private String admin(String dataDir) throws IOException {
        return Files.readString(work.resolve(dataDir).resolve(ADMIN_TOKEN_FILE)).strip();
    }

    /**
     * An instance on a free port with its data dir under the work dir, its admin token in {@code <dir>/admin.token}
     * as {@code hivemesh serve} leaves it, and the quick heartbeats and backoff of the other integration tests.
     */
    private HivemeshInstance start(String dataDirName, Map<String, String> settings) throws IOException {
        Path dataDir = work.resolve(dataDirName);
        DataDirectory.secure(dataDir);
        String admin = AdminToken.resolve(Optional.empty(), dataDir).token();
        Map<String, String> flags = new HashMap<>(Map.of("data_dir", dataDir.toString(), "port", "0",
                "heartbeat_interval", "1s", "sync_backoff_min", "100ms", "sync_backoff_max", "1s"));
        flags.putAll(settings);
        HivemeshInstance instance = HivemeshInstance.start(ConfigLoader.load(Optional.empty(), Map.of(), flags), admin);
        instances.add(instance);
        return instance;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Runs the section's unmarked blocks in order in one bash in {@code dir}, with {@code addresses} replaced and
     * {@code env} set, then {@code epilogue}; returns what it printed, or fails naming the block that failed.
     */
    private String runSection(String section, Path dir, Map<String, String> addresses, Map<String, String> env,
                              String epilogue) throws Exception {
        return runSection(section, 0, Integer.MAX_VALUE, dir, addresses, env, epilogue);
    }

    /** The same for the section's runnable blocks {@code from} (inclusive) to {@code to} (exclusive), in a stage. */
    private String runSection(String section, int from, int to, Path dir, Map<String, String> addresses,
                              Map<String, String> env, String epilogue) throws Exception {
        List<Block> all = readmeBlocks().stream().filter(b -> b.section().equals(section) && b.notRun().isEmpty())
                .collect(Collectors.toList());
        assertThat(all).as("runnable blocks of README section " + section).hasSizeGreaterThan(from);
        List<Block> blocks = all.subList(from, Math.min(to, all.size()));
        Files.createDirectories(dir);
        writeHivemeshCommand(dir);
        StringBuilder script = new StringBuilder("set -Eeuo pipefail\n"
                + "trap 'echo \"@@failed $LINENO: $BASH_COMMAND\"' ERR\n"
                + "curl() { command curl --fail-with-body --max-time 60 \"$@\"; }\n");
        // script line -> README line, for the failing command
        Map<Integer, Integer> lineMap = new LinkedHashMap<>();
        for (Block block : blocks) {
            script.append("echo '@@block ").append(block.line()).append("'\n");
            String text = block.text();
            for (Map.Entry<String, String> address : addresses.entrySet()) {
                text = text.replace(address.getKey(), address.getValue());
            }
            int first = (int) script.chars().filter(c -> c == '\n').count() + 1;
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                lineMap.put(first + i, block.line() + 1 + i);
            }
            script.append(text);
            List<String> captured = new ArrayList<>();
            Matcher capture = CAPTURE.matcher(block.text());
            while (capture.find()) {
                captured.add(capture.group(1));
            }
            // an ID captured with jq is "null" when the reply lacked it: the block did not do what it says
            for (String name : captured) {
                script.append("[[ -n \"${").append(name).append(":-}\" && \"$").append(name)
                        .append("\" != null ]] || { echo \"@@empty ").append(name).append("\"; exit 97; }\n");
            }
        }
        script.append(epilogue).append("\necho '@@end'\n");
        Path file = dir.resolve("readme-section.sh");
        Files.writeString(file, script);
        Path output = dir.resolve("readme-section.out");
        ProcessBuilder builder = new ProcessBuilder("bash", file.toString()).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(env);
        builder.environment().put("README_CP", System.getProperty("java.class.path"));
        builder.environment().put("README_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        builder.environment().put("README_PIDS", work.resolve("served.pids").toString());
        builder.environment().put("README_SERVE_PORT", String.valueOf(servePort));
        builder.environment().put("HOME", dir.toString());
        Process bash = builder.start();
        String current = "(before the first block)";
        long blockStarted = System.nanoTime();
        while (!bash.waitFor(1, TimeUnit.SECONDS)) {
            String latest = lastMarker(read(output), current);
            if (!latest.equals(current)) {
                current = latest;
                blockStarted = System.nanoTime();
            } else if (System.nanoTime() - blockStarted > BLOCK_BUDGET.toNanos()) {
                bash.descendants().forEach(ProcessHandle::destroy);
                bash.destroy();
                bash.waitFor(30, TimeUnit.SECONDS);
                throw new AssertionError(describe(section, blocks, current) + " ran over " + BLOCK_BUDGET.toSeconds()
                        + " s\n--- output ---\n" + tail(read(output)));
            }
        }
        String out = read(output);
        if (bash.exitValue() != 0 || !out.contains("@@end")) {
            String block = describe(section, blocks, lastMarker(out, current));
            Matcher failed = Pattern.compile("@@failed (\\d+): (.*)").matcher(out);
            String command = "";
            while (failed.find()) {
                Integer readmeLine = lineMap.get(Integer.parseInt(failed.group(1)));
                command = "\nfailing command" + (readmeLine == null ? "" : " (README.md:" + readmeLine + ")") + ": "
                        + failed.group(2);
            }
            Matcher empty = Pattern.compile("@@empty (\\S+)").matcher(out);
            if (empty.find()) {
                command = "\n$" + empty.group(1) + " came out empty or null: the reply did not have what the block reads";
            }
            throw new AssertionError(block + " failed with exit code " + bash.exitValue() + command
                    + "\n--- output ---\n" + tail(out));
        }
        return out;
    }

    private static String describe(String section, List<Block> blocks, String marker) {
        return blocks.stream().filter(b -> marker.equals(String.valueOf(b.line()))).findFirst().map(Block::where)
                .map(w -> "README block at " + w).orElse("README section \"" + section + "\" " + marker);
    }

    private static String lastMarker(String out, String otherwise) {
        Matcher m = Pattern.compile("@@block (\\d+)").matcher(out);
        String last = otherwise;
        while (m.find()) {
            last = m.group(1);
        }
        return last;
    }

    private static String tail(String out) {
        return out.length() <= 6000 ? out : "…" + out.substring(out.length() - 6000);
    }

    private static String read(Path output) throws IOException {
        return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
    }

    /**
     * {@code ./hivemesh} for the blocks: the same command line from the test classpath instead of the fat jar. A
     * {@code serve} is started in the background (its pid noted for the test to stop it) and returns once it listens.
     */
    private static void writeHivemeshCommand(Path dir) throws IOException {
        Path command = dir.resolve("hivemesh");
        Files.writeString(command, """
                #!/usr/bin/env bash
                set -euo pipefail
                run() { "$README_JAVA" -XX:TieredStopAtLevel=1 -cp "$README_CP" org.hivemesh.bootstrap.cli.Main "$@"; }
                if [ "${1:-}" != serve ]; then
                  run "$@"
                  exit
                fi
                # the port the test chose stands for the README's default 7070
                case " $* " in *" --port "*) ;; *) set -- "$@" --port "$README_SERVE_PORT" ;; esac
                log=$(mktemp -p . serve-XXXX)
                # the java process itself in the background (not a subshell running it), so its pid is the one to stop
                "$README_JAVA" -XX:TieredStopAtLevel=1 -cp "$README_CP" org.hivemesh.bootstrap.cli.Main "$@" \
                  >"$log.out" 2>"$log.err" &
                echo $! >>"$README_PIDS"
                for _ in $(seq 1 1200); do
                  if grep -q 'listening on' "$log.out"; then cat "$log.out"; exit 0; fi
                  if ! kill -0 $! 2>/dev/null; then cat "$log.out" "$log.err"; exit 1; fi
                  sleep 0.1
                done
                echo "hivemesh serve did not listen within 120 s"; cat "$log.err"; exit 1
                """);
        Files.setPosixFilePermissions(command, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
