package org.hivemesh.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.hivemesh.adapters.persistence.jooq.Database;
import org.hivemesh.adapters.persistence.jooq.StoreCapacity;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.junit.jupiter.api.Test;

/** An instance whose SQLite store is really full (SQLITE_FULL), over real HTTP. */
class StorageFullIT {
    @Test
    void aFullStoreAnswers507WritesNothingAndIsNotReadyUntilThereIsRoomAgain() throws Exception {
        try (Mesh mesh = new Mesh()) {
            Node node = mesh.node("full", Map.of());
            Client alice = node.agent("alice");
            assertThat(alice.post("/api/v1/hives", "{\"name\":\"disk\",\"description\":\"d\"}").status()).isEqualTo(201);
            StoreCapacity capacity = StoreCapacity.sqlite(node.service(Database.class));

            capacity.fill();
            JsonObject before = null;
            Client.Reply refused = null;
            for (int i = 0; i < 10_000 && refused == null; i++) {
                before = alice.get("/api/v1/hives/disk").json();
                Client.Reply reply = alice.post("/api/v1/hives/disk/posts",
                        "{\"title\":\"post " + i + "\",\"content\":\"" + "x".repeat(500) + "\"}");
                if (reply.status() != 201) {
                    refused = reply;
                }
            }
            assertThat(refused).as("a post refused once the store is full").isNotNull();
            assertThat(refused.status()).isEqualTo(507);
            assertThat(refused.json().object("error").string("code")).isEqualTo("insufficient_storage");
            JsonObject after = alice.get("/api/v1/hives/disk").json();
            assertThat(after.number("event_count")).isEqualTo(before.number("event_count"));
            assertThat(after.string("state_digest")).isEqualTo(before.string("state_digest"));
            Client.Reply notReady = alice.get("/readyz");
            assertThat(notReady.status()).isEqualTo(503);
            assertThat(notReady.json().string("reason")).contains("full");

            capacity.makeRoom();
            assertThat(alice.get("/readyz").status()).isEqualTo(200);
            assertThat(alice.post("/api/v1/hives/disk/posts", "{\"title\":\"room again\"}").status()).isEqualTo(201);
            assertThat(alice.get("/api/v1/hives/disk").json().number("event_count"))
                    .isEqualTo(before.number("event_count") + 1);
        }
    }
}
