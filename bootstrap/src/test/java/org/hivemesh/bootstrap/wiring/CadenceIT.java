package org.hivemesh.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A member's cadence decides when it merges: on-open holds everything back until the hive is read. */
class CadenceIT {
    private Node a;
    private Node b;

    @AfterEach
    void stop() {
        a.stop();
        b.stop();
    }

    @Test
    void anOnOpenMemberMergesWhenItsHiveIsReadAndNotBefore() throws Exception {
        a = new Node("a").start();
        b = new Node("b").start();
        String group = a.createSyncedHive("cad");
        b.join(a, "cad");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Mesh.awaitConvergence(group, Mesh.left(deadline), a, b);
        assertThat(b.adminCall("PATCH", "/api/v1/sync/groups/" + group + "/cadence", "{\"cadence\":\"on-open\"}").status())
                .isEqualTo(200);
        long before = b.eventCount(group);

        Client alice = a.agent("alice");
        for (int i = 0; i < 3; i++) {
            alice.post("/api/v1/hives/cad/posts", "{\"title\":\"while b is closed " + i + "\"}");
        }
        Node.Rounds aWithB = a.roundsWith(b);
        Node.Rounds bWithA = b.roundsWith(a);
        // A round begun after the posts has run on each side: a has offered them to b, and b could have pulled them.
        Mesh.await("a round begun after the posts, on each side", Mesh.left(deadline),
                () -> aWithB.oneBegunSinceHasRun() & bWithA.oneBegunSinceHasRun());

        assertThat(b.eventCount(group)).isEqualTo(before);
        JsonObject statusOnB = b.group(group);
        assertThat(statusOnB.string("cadence")).isEqualTo("on-open");
        JsonObject bOnA = (JsonObject) Node.array(a.group(group), "peers").items().get(0);
        assertThat(bOnA.string("status")).isEqualTo("active");
        assertThat(bOnA.number("lag")).isGreaterThanOrEqualTo(3);

        b.agent("bob").get("/api/v1/hives/cad/feed");

        Mesh.await("b merged once its hive was read", Mesh.left(deadline), () -> b.eventCount(group) == a.eventCount(group));
        assertThat(b.digest(group)).isEqualTo(a.digest(group));
    }
}
