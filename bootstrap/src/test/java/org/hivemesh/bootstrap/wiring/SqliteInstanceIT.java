package org.hivemesh.bootstrap.wiring;

import java.nio.file.Path;
import java.util.Map;

class SqliteInstanceIT extends InstanceContract {
    @Override
    Map<String, String> storageFlags(Path dataDir) {
        return Map.of("db", "sqlite");
    }
}
