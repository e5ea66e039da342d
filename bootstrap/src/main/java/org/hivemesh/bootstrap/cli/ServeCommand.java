package org.hivemesh.bootstrap.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.hivemesh.bootstrap.config.AdminToken;
import org.hivemesh.bootstrap.config.ConfigLoader;
import org.hivemesh.bootstrap.config.DataDirectory;
import org.hivemesh.bootstrap.config.HivemeshConfig;
import org.hivemesh.bootstrap.config.Logging;
import org.hivemesh.bootstrap.config.TlsMaterial;
import org.hivemesh.bootstrap.wiring.HivemeshInstance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run an instance. Settings come from hivemesh.yaml, then HIVEMESH_* variables, then these flags.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--config", description = "settings file (default: ./hivemesh.yaml if present)")
    Path config;

    @Option(names = "--data-dir", description = "where the SQLite store and admin.token live (default ./data)")
    String dataDir;

    @Option(names = "--host", description = "address to bind (default 127.0.0.1)")
    String host;

    @Option(names = "--port", description = "HTTP port (default 7070; 0 picks a free one)")
    String port;

    @Option(names = "--db", description = "sqlite (default) or postgres")
    String db;

    @Option(names = "--jdbc-url", description = "PostgreSQL JDBC URL, for --db postgres")
    String jdbcUrl;

    @Option(names = "--public-url", description = "URL peers and clients use to reach this instance")
    String publicUrl;

    @Option(names = "--heartbeat-interval", description = "how often peers are heartbeaten and caught up (default 30s)")
    String heartbeatInterval;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> flags = new HashMap<>();
        put(flags, "data_dir", dataDir);
        put(flags, "host", host);
        put(flags, "port", port);
        put(flags, "db", db);
        put(flags, "jdbc_url", jdbcUrl);
        put(flags, "public_url", publicUrl);
        put(flags, "heartbeat_interval", heartbeatInterval);
        Optional<Path> file = Optional.ofNullable(config).or(() -> Optional.of(Path.of("hivemesh.yaml")).filter(Files::exists));
        HivemeshConfig settings;
        try {
            settings = ConfigLoader.load(file, System.getenv(), flags);
            // Unusable certificate or key files stop the start here, before an admin token is generated.
            TlsMaterial.read(settings.tls());
        } catch (IllegalArgumentException e) {
            System.err.println("hivemesh: " + e.getMessage());
            return 2;
        }
        Logging.apply(settings.logging());
        DataDirectory.secure(settings.dataDir());
        AdminToken.Resolved admin = AdminToken.resolve(settings.adminToken(), settings.dataDir());
        HivemeshInstance instance = HivemeshInstance.start(settings, admin.token());
        // Hooked before the lines below, so a supervisor that stops the instance once it says it listens gets a clean stop.
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            instance.close();
            stopped.countDown();
        }, "hivemesh-shutdown"));
        if (admin.generated()) {
            System.out.println("Admin token (shown once; saved to " + admin.file() + ", mode 600): " + admin.token());
        }
        System.out.println("hivemesh " + instance.identity().instanceId() + " listening on " + instance.baseUrl());
        stopped.await();
        return 0;
    }

    private static void put(Map<String, String> flags, String key, String value) {
        if (value != null) {
            flags.put(key, value);
        }
    }
}
