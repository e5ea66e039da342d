package org.hivemesh.bootstrap.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.hivemesh.application.agents.port.in.AgentUseCases;
import org.hivemesh.application.agents.port.in.Principal;
import org.hivemesh.application.agents.port.in.Scope;
import org.hivemesh.application.sync.port.in.SyncGroupsUseCase;
import org.hivemesh.bootstrap.config.ConfigLoader;
import org.hivemesh.bootstrap.wiring.HivemeshInstance;
import picocli.CommandLine.Option;

/** The embedded store of a data dir, opened by the CLI without serving anything. */
final class LocalStore {
    @Option(names = "--data-dir", defaultValue = "./data", description = "the local store (default ./data)")
    Path dataDir;

    HivemeshInstance open() {
        return HivemeshInstance.openLocal(ConfigLoader.load(Optional.empty(), System.getenv(),
                Map.of("data_dir", dataDir.toString())));
    }

    /** The local agent that writes offline: created once, its API key kept in {@code <data dir>/agent.key} (mode 600). */
    static Principal agent(HivemeshInstance instance, Path dataDir, String name) {
        AgentUseCases agents = instance.service(AgentUseCases.class);
        Path keyFile = dataDir.resolve("agent.key");
        try {
            String key;
            if (Files.exists(keyFile)) {
                key = Files.readString(keyFile).trim();
            } else {
                key = agents.createAgent(new AgentUseCases.CreateAgentCommand(name)).apiKey();
                Path temp = Files.createTempFile(dataDir, "agent", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(temp, key + "\n");
                Files.move(temp, keyFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return agents.authenticate(agents.openSession(new AgentUseCases.OpenSessionCommand(key, Scope.READ_WRITE)).token());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the local agent key in " + keyFile, e);
        }
    }

    /** A group ID as given, or the group of a hive given by name. */
    static String groupOf(HivemeshInstance instance, String groupOrHive) {
        return instance.service(SyncGroupsUseCase.class).groupIdOf(groupOrHive);
    }
}
