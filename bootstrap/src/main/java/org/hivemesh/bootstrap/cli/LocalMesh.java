package org.hivemesh.bootstrap.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hivemesh.bootstrap.config.ConfigLoader;
import org.hivemesh.bootstrap.wiring.HivemeshInstance;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/** Several instances in this process, each with its own data dir and port, on loopback. */
final class LocalMesh implements AutoCloseable {
    final String adminToken = "hma_demo_" + Long.toHexString(System.nanoTime());
    final List<HivemeshInstance> instances = new ArrayList<>();
    final List<MeshClient> admins = new ArrayList<>();

    LocalMesh(int count, Path baseDir, Map<String, String> settings) throws IOException {
        for (int i = 0; i < count; i++) {
            Path dir = baseDir.resolve("instance-" + (i + 1));
            Files.createDirectories(dir);
            Map<String, String> flags = new HashMap<>(settings);
            flags.put("data_dir", dir.toString());
            flags.put("port", String.valueOf(freePort()));
            flags.putIfAbsent("heartbeat_interval", "1s");
            flags.putIfAbsent("sync_backoff_max", "2s");
            HivemeshInstance instance = HivemeshInstance.start(ConfigLoader.load(Optional.empty(), Map.of(), flags),
                    adminToken);
            instances.add(instance);
            admins.add(new MeshClient(instance.baseUrl(), adminToken));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Instance 1 creates the hive and its group; every other instance joins through all instances before it. */
    String fullMesh(String hive) {
        admins.get(0).login("founder").write("POST", "/api/v1/hives",
                "{\"name\":\"" + hive + "\",\"description\":\"a hive shared by " + admins.size() + " instances\"}");
        String group = admins.get(0).admin("POST", "/api/v1/sync/groups", "{\"hive_name\":\"" + hive + "\"}").string("id");
        for (int i = 1; i < admins.size(); i++) {
            for (int j = 0; j < i; j++) {
                admins.get(i).admin("POST", "/api/v1/sync/groups/join",
                        "{\"peer_endpoint\":\"" + admins.get(j).base + "\",\"hive_name\":\"" + hive + "\"}");
            }
        }
        return group;
    }

    /** Instance 1 creates the hive and its group; instance k+1 knows only instance k (a manual entry). Gossip does the rest. */
    String chain(String hive) {
        admins.get(0).login("founder").write("POST", "/api/v1/hives",
                "{\"name\":\"" + hive + "\",\"description\":\"a hive found through gossip\"}");
        String group = admins.get(0).admin("POST", "/api/v1/sync/groups", "{\"hive_name\":\"" + hive + "\"}").string("id");
        for (int i = 1; i < admins.size(); i++) {
            admins.get(i).admin("POST", "/api/v1/sync/peers", "{\"name\":\"instance " + i + "\",\"sync_endpoint\":\""
                    + admins.get(i - 1).base + "\",\"shared_hives\":[\"" + hive + "\"]}");
        }
        return group;
    }

    /** The number of peers linked to the group on instance {@code index}; 0 before it has joined. */
    int linkedPeers(int index, String groupId) {
        try {
            return ((org.hivemesh.domain.event.JsonValue.JsonArray) group(index, groupId).required("peers")).items().size();
        } catch (IllegalStateException notJoinedYet) {
            return 0;
        }
    }

    JsonObject group(int index, String groupId) {
        return admins.get(index).admin("GET", "/api/v1/sync/groups/" + groupId, null);
    }

    boolean converged(String groupId) {
        String first = null;
        for (int i = 0; i < admins.size(); i++) {
            JsonObject g = group(i, groupId);
            String key = g.string("state_digest") + "/" + (long) g.number("event_count");
            if (first == null) {
                first = key;
            } else if (!first.equals(key)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        instances.forEach(HivemeshInstance::close);
    }
}
