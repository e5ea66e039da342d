package org.hivemesh.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hivemesh.bootstrap.wiring.Mesh.await;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.event.MembershipAction;
import org.hivemesh.domain.event.ModeratorAction;
import org.hivemesh.domain.event.TargetType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The authority table of SPEC.md, row by row, from a correctly signed peer that joined the group: what it may not
 * do is kept without effect (or, acting for another instance's agent, never stored), and the same events take
 * effect once the hive owner grants its agent the right.
 */
class AuthorityIT {
    private final Mesh mesh = new Mesh();
    private final HandMadePeer peer = new HandMadePeer();
    private final AgentRef mallory = new AgentRef(peer.id, "agt_mallory", "mallory");
    private Node a;
    private Client owner;
    private Client alice;
    private String group;
    private String post;
    private String doomed;
    private String comment;

    @AfterEach
    void stopAll() {
        mesh.close();
        peer.close();
    }

    /** a hosts "town", owned by its agent owner; alice wrote two posts and a comment; bob is a plain local agent. */
    private void town() throws Exception {
        a = mesh.node("a", Map.of());
        owner = a.agent("owner");
        group = a.createSyncedHive(owner, "town", "open");
        alice = a.agent("alice");
        post = alice.post("/api/v1/hives/town/posts", "{\"title\":\"alice's post\",\"content\":\"original\"}").json()
                .string("post_id");
        doomed = alice.post("/api/v1/hives/town/posts", "{\"title\":\"alice's other post\"}").json().string("post_id");
        comment = alice.post("/api/v1/posts/" + post + "/comments", "{\"content\":\"alice's comment\"}").json()
                .string("comment_id");
    }

    private AgentRef local(Client agent, String name) {
        return new AgentRef(a.instanceId(), agent.agentId(), name);
    }

    private Event event(EventPayload payload) {
        return peer.event(group, payload);
    }

    /** Everything of the hive an unauthorized event could change, except the event count (refused events are kept). */
    private Map<String, String> hive() {
        JsonObject hive = alice.get("/api/v1/hives/town").json();
        Map<String, String> view = new LinkedHashMap<>();
        for (String field : List.of("settings", "members", "moderators", "state_digest")) {
            view.put(field, hive.required(field).canonical());
        }
        view.put("feed", alice.get("/api/v1/hives/town/feed").json().required("data").canonical());
        view.put("post", alice.get("/api/v1/posts/" + post).body());
        return view;
    }

    private Map<String, String> refusedRules() {
        return a.refused(group).stream().collect(Collectors.toMap(r -> r.string("id"), r -> r.string("rule")));
    }

    @Test
    void everyEventWithoutAuthorityIsKeptWithoutEffectOrNeverStored() throws Exception {
        town();
        String token = peer.join(a, "town");
        AgentRef aliceRef = local(alice, "alice");
        AgentRef ownerRef = local(owner, "owner");
        Map<String, String> before = hive();
        long eventsBefore = a.eventCount(group);

        Map<Event, String> refused = new LinkedHashMap<>();
        refused.put(event(new EventPayload.PostUpdated(post, Optional.of("hijacked"), Optional.of("defaced"),
                Optional.empty(), mallory)), "not_author_moderator_or_owner");
        refused.put(event(new EventPayload.PostDeleted(doomed, mallory, Optional.of("mine now"))),
                "not_author_moderator_or_owner");
        refused.put(event(new EventPayload.CommentUpdated(comment, "defaced", mallory)), "not_author_moderator_or_owner");
        refused.put(event(new EventPayload.CommentDeleted(comment, mallory, Optional.empty())),
                "not_author_moderator_or_owner");
        refused.put(event(new EventPayload.ModeratorChanged(mallory, ModeratorAction.ADD, mallory)), "not_owner");
        refused.put(event(new EventPayload.MembershipChanged(aliceRef, MembershipAction.BAN, mallory)),
                "not_owner_or_moderator");
        refused.put(event(new EventPayload.MembershipChanged(aliceRef, MembershipAction.LEAVE, mallory)), "not_self");
        refused.put(event(new EventPayload.MembershipChanged(ownerRef, MembershipAction.BAN, mallory)),
                "owner_protected");
        refused.put(event(new EventPayload.HiveSettingChanged("description", JsonValue.of("pwned"), mallory)),
                "not_owner_or_moderator");
        // Acting for an agent of another instance (here: of the receiver itself) is refused at intake.
        Event postAsAlice = event(new EventPayload.PostCreated("in alice's name", Optional.empty(), Optional.empty(),
                aliceRef));
        Event voteAsAlice = event(new EventPayload.VoteCast(TargetType.POST, post, aliceRef, -1));
        List<Event> batch = new ArrayList<>(refused.keySet());
        batch.add(postAsAlice);
        batch.add(voteAsAlice);

        JsonObject reply = peer.push(a, group, token, batch).json();

        assertThat(reply.number("accepted")).isEqualTo(refused.size());
        assertThat(reply.number("refused")).isEqualTo(refused.size());
        assertThat(reply.number("quarantined")).isEqualTo(2);
        Map<String, String> expected = refused.entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().id().value(), Map.Entry::getValue));
        assertThat(refusedRules()).isEqualTo(expected);
        assertThat(a.eventCount(group)).isEqualTo(eventsBefore + refused.size());
        String log = a.adminCall("GET", "/api/v1/sync/groups/" + group + "/events?since=0&limit=100", null).body();
        assertThat(log).doesNotContain(postAsAlice.id().value(), voteAsAlice.id().value(), "in alice's name");
        assertThat(Node.array(a.group(group), "recent_quarantine").items().stream()
                .map(q -> ((JsonObject) q).string("reason")).filter(r -> r.startsWith("author_not_of_origin"))).hasSize(2);
        assertThat(hive()).isEqualTo(before);
    }

    @Test
    void theSameKindsOfEventsTakeEffectOnceTheOwnerGrantsThePeersAgentModerator() throws Exception {
        town();
        Client bob = a.agent("bob");
        String token = peer.join(a, "town");
        Client.Reply granted = owner.post("/api/v1/hives/town/moderators", "{\"agent_id\":\"agt_mallory\","
                + "\"action\":\"add\",\"instance_id\":\"" + peer.id + "\",\"name\":\"mallory\"}");
        assertThat(granted.status()).isEqualTo(200);
        assertThat(granted.json().required("moderators").canonical()).contains(mallory.key());

        Event edit = event(new EventPayload.PostUpdated(post, Optional.of("moderated"), Optional.of("cleaned up"),
                Optional.empty(), mallory));
        Event delete = event(new EventPayload.PostDeleted(doomed, mallory, Optional.of("off topic")));
        Event deleteComment = event(new EventPayload.CommentDeleted(comment, mallory, Optional.of("rude")));
        Event ban = event(new EventPayload.MembershipChanged(local(bob, "bob"), MembershipAction.BAN, mallory));
        // A key the owner instance never set: against a change of the owner instance's, owner-preferring LWW keeps that.
        Event setting = event(new EventPayload.HiveSettingChanged("rules", JsonValue.of("be kind"), mallory));
        // Still only the owner's: naming moderators, and the owner is never banned.
        Event anotherModerator = event(new EventPayload.ModeratorChanged(peer.agent("agt_friend"), ModeratorAction.ADD,
                mallory));
        Event banOwner = event(new EventPayload.MembershipChanged(local(owner, "owner"), MembershipAction.BAN, mallory));

        JsonObject reply = peer.push(a, group, token, List.of(edit, delete, deleteComment, ban, setting,
                anotherModerator, banOwner)).json();

        assertThat(reply.number("accepted")).isEqualTo(7);
        assertThat(reply.number("refused")).isEqualTo(2);
        assertThat(refusedRules()).isEqualTo(Map.of(anotherModerator.id().value(), "not_owner",
                banOwner.id().value(), "owner_protected"));
        JsonObject shown = alice.get("/api/v1/posts/" + post).json();
        assertThat(shown.string("title")).isEqualTo("moderated");
        assertThat(shown.string("content")).isEqualTo("cleaned up");
        assertThat(shown.required("comments").canonical()).contains("\"deleted\":true").doesNotContain("alice's comment");
        assertThat(alice.get("/api/v1/hives/town/feed").body()).doesNotContain(doomed);
        JsonObject hive = alice.get("/api/v1/hives/town").json();
        assertThat(hive.object("settings").string("rules")).isEqualTo("be kind");
        assertThat(hive.object("members").string(a.instanceId() + "/" + bob.agentId())).isEqualTo("banned");
        assertThat(hive.required("moderators").canonical()).doesNotContain("agt_friend");
        assertThat(bob.post("/api/v1/hives/town/posts", "{\"title\":\"banned bob\"}").status()).isEqualTo(403);
    }

    @Test
    void aBannedRemoteAgentsPostsAreKeptWithoutEffectUntilItIsUnbanned() throws Exception {
        town();
        String token = peer.join(a, "town");
        String member = "{\"agent_id\":\"agt_mallory\",\"instance_id\":\"" + peer.id + "\",\"name\":\"mallory\","
                + "\"action\":\"%s\"}";
        assertThat(owner.post("/api/v1/hives/town/members", String.format(member, "ban")).status()).isEqualTo(200);
        Event whileBanned = event(new EventPayload.PostCreated("while banned", Optional.empty(), Optional.empty(),
                mallory));
        JsonObject refusedReply = peer.push(a, group, token, List.of(whileBanned)).json();
        String feedWhileBanned = alice.get("/api/v1/hives/town/feed").body();
        assertThat(owner.post("/api/v1/hives/town/members", String.format(member, "unban")).status()).isEqualTo(200);
        Event afterUnban = event(new EventPayload.PostCreated("after the unban", Optional.empty(), Optional.empty(),
                mallory));
        JsonObject acceptedReply = peer.push(a, group, token, List.of(afterUnban)).json();

        assertThat(refusedReply.number("refused")).isEqualTo(1);
        assertThat(refusedRules()).isEqualTo(Map.of(whileBanned.id().value(), "banned"));
        assertThat(feedWhileBanned).doesNotContain("while banned");
        assertThat(acceptedReply.number("refused")).isZero();
        assertThat(alice.get("/api/v1/hives/town/feed").body()).contains("after the unban").doesNotContain("while banned");
    }

    @Test
    void aGrantMadeAfterAnEditArrivedDoesNotAuthorizeItBackwards() throws Exception {
        town();
        String token = peer.join(a, "town");
        // Within the clock bound: stored now, and the receiver's clock moves past it.
        Event early = peer.event(group, new Hlc(System.currentTimeMillis() + 3_000, 0),
                new EventPayload.PostUpdated(post, Optional.of("too early"), Optional.empty(), Optional.empty(), mallory));
        assertThat(peer.push(a, group, token, List.of(early)).json().number("refused")).isEqualTo(1);

        owner.post("/api/v1/hives/town/moderators", "{\"agent_id\":\"agt_mallory\",\"action\":\"add\",\"instance_id\":\""
                + peer.id + "\",\"name\":\"mallory\"}");

        assertThat(refusedRules()).containsEntry(early.id().value(), "not_author_moderator_or_owner");
        assertThat(alice.get("/api/v1/posts/" + post).json().string("title")).isEqualTo("alice's post");
    }

    @Test
    void anEditThatArrivesBeforeTheGrantAuthorizingItTakesEffectOnceTheGrantArrives() throws Exception {
        town();
        Node b = mesh.node("b", Map.of());
        b.join(a, "town");
        await("b has a's posts", () -> b.eventCount(group) == a.eventCount(group));
        String token = peer.join(b, "town");
        // The grant is made on a while b cannot hear of it; then a goes away before b is back.
        b.stop();
        owner.post("/api/v1/hives/town/moderators", "{\"agent_id\":\"agt_mallory\",\"action\":\"add\",\"instance_id\":\""
                + peer.id + "\",\"name\":\"mallory\"}");
        a.stop();
        b.start();
        Event edit = event(new EventPayload.PostUpdated(post, Optional.of("edited by a moderator"), Optional.empty(),
                Optional.empty(), mallory));

        JsonObject reply = peer.push(b, group, token, List.of(edit)).json();
        List<JsonObject> refusedOnB = b.refused(group);
        a.start();

        assertThat(reply.number("refused")).isEqualTo(1);
        assertThat(refusedOnB).extracting(r -> r.string("id")).containsExactly(edit.id().value());
        Client reader = b.agent("reader");
        await("the grant reached b and the edit took effect", () -> b.refused(group).isEmpty()
                && reader.get("/api/v1/posts/" + post).json().string("title").equals("edited by a moderator"));
        await("a took the edit too", () -> a.digest(group).equals(b.digest(group)));
        assertThat(a.refused(group)).isEmpty();
        assertThat(alice.get("/api/v1/posts/" + post).json().string("title")).isEqualTo("edited by a moderator");
    }
}
