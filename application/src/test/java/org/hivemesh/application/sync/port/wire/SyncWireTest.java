package org.hivemesh.application.sync.port.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.hivemesh.domain.consent.OversightBy;
import org.hivemesh.domain.consent.OversightPolicy;
import org.hivemesh.domain.event.Json;
import org.hivemesh.domain.event.JsonFieldException;
import org.hivemesh.domain.event.JsonValue.JsonObject;
import org.hivemesh.domain.group.SyncGroup;
import org.hivemesh.domain.peer.KnownPeer;
import org.junit.jupiter.api.Test;

/**
 * Each /sync/v1 message: what we write is exactly what instances already running write (the canonical strings
 * below are the members the hand-written encoders produced), what they write reads back, and a wrong shape is
 * refused naming its field.
 */
class SyncWireTest {
    private static final String EVENT = "{\"group\":\"grp_1\",\"hlc\":\"0000018f00000000-0000-ins_a\","
            + "\"id\":\"evt_1\",\"origin\":\"ins_a\",\"payload\":{\"kind\":\"post\",\"title\":\"hi\"},"
            + "\"signature\":\"5e\",\"type\":\"post.created\"}";

    private static JsonObject json(String text) {
        return Json.parseObject(text);
    }

    /** Through the bytes, as a peer gets them. */
    private static <T> T overTheWire(JsonObject encoded, Function<JsonObject, T> decode) {
        return decode.apply(json(encoded.canonical()));
    }

    private static void refused(String body, Function<JsonObject, ?> decode, String field, String problem) {
        assertThatThrownBy(() -> decode.apply(json(body))).isInstanceOfSatisfying(JsonFieldException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).isEqualTo("field '" + field + "' " + problem);
        });
    }

    // handshake request

    @Test
    void aHandshakeRequestIsWrittenAsBeforeAndReadsBack() {
        HandshakeRequest request = new HandshakeRequest("lab", "ins_b", "ab12", "http://b:7070/sync/v1", "hst_b");

        assertThat(SyncWire.toJson(request).canonical()).isEqualTo("{\"instance_id\":\"ins_b\",\"signing_key\":\"ab12\","
                + "\"sync_endpoint\":\"http://b:7070/sync/v1\",\"sync_group_name\":\"lab\",\"sync_token\":\"hst_b\"}");
        assertThat(overTheWire(SyncWire.toJson(request), SyncWire::handshakeRequest)).isEqualTo(request);
    }

    @Test
    void aClientWithoutEndpointHandshakesWithoutAToken() {
        HandshakeRequest client = new HandshakeRequest("lab", "ins_c", "cd34", null, "hst_unused");

        assertThat(SyncWire.toJson(client).canonical())
                .isEqualTo("{\"instance_id\":\"ins_c\",\"signing_key\":\"cd34\",\"sync_group_name\":\"lab\"}");
        assertThat(overTheWire(SyncWire.toJson(client), SyncWire::handshakeRequest))
                .isEqualTo(new HandshakeRequest("lab", "ins_c", "cd34", null, null));
    }

    @Test
    void theApiSampleOfAHandshakeRequestReads() {
        HandshakeRequest read = SyncWire.handshakeRequest(json("{\"sync_group_name\": \"lab\", \"instance_id\": \"ins_b\","
                + " \"signing_key\": \"ab12\", \"sync_endpoint\": \"https://b.example/sync/v1\"}"));

        assertThat(read).isEqualTo(new HandshakeRequest("lab", "ins_b", "ab12", "https://b.example/sync/v1", null));
        assertThat(SyncWire.offeredKey(json("{\"signing_key\":\"ab12\"}"))).isEqualTo("ab12");
    }

    @Test
    void aHandshakeRequestOfTheWrongShapeIsRefusedNamingTheField() {
        refused("{\"instance_id\":\"ins_b\",\"signing_key\":\"ab12\"}", SyncWire::handshakeRequest,
                "sync_group_name", "is required");
        refused("{\"sync_group_name\":\"lab\",\"instance_id\":7,\"signing_key\":\"ab12\"}", SyncWire::handshakeRequest,
                "instance_id", "must be a string");
        refused("{\"sync_group_name\":\"lab\",\"instance_id\":\"ins_b\",\"signing_key\":\"ab12\",\"sync_endpoint\":[]}",
                SyncWire::handshakeRequest, "sync_endpoint", "must be a string");
        refused("{}", SyncWire::offeredKey, "signing_key", "is required");
    }

    // handshake reply

    private static final HandshakeReply REPLY = new HandshakeReply("grp_1", "ins_a", "ef56", 42, "hst_a",
            Instant.parse("2027-01-01T00:00:00Z"), "ins_a", "agt_1", "lab", "lin_1", "roster", "event-union",
            Optional.empty());

    @Test
    void aHandshakeReplyIsWrittenAsBeforeSoItsSignedBytesAreTheSame() {
        assertThat(SyncWire.toJson(REPLY).canonical()).isEqualTo("{\"consent\":\"roster\",\"current_seq\":42,"
                + "\"hive_name\":\"lab\",\"instance_id\":\"ins_a\",\"lineage\":\"lin_1\",\"method\":\"event-union\","
                + "\"owner_agent_id\":\"agt_1\","
                + "\"owner_instance_id\":\"ins_a\",\"signing_key\":\"ef56\",\"sync_group_id\":\"grp_1\","
                + "\"sync_token\":\"hst_a\",\"sync_token_expires_at\":\"2027-01-01T00:00:00Z\"}");
        assertThat(overTheWire(SyncWire.toJson(REPLY), SyncWire::handshakeReply)).isEqualTo(REPLY);
    }

    @Test
    void aHandshakeReplyCarriesTheGroupsOversightPolicy() {
        OversightPolicy policy = new OversightPolicy(OversightPolicy.UNLIMITED, true, false, true, OversightBy.ROSTER);
        HandshakeReply reply = new HandshakeReply(REPLY.syncGroupId(), REPLY.instanceId(), REPLY.signingKey(),
                REPLY.currentSeq(), REPLY.syncToken(), REPLY.syncTokenExpiresAt(), REPLY.ownerInstanceId(),
                REPLY.ownerAgentId(), REPLY.hiveName(), REPLY.lineage(), REPLY.consent(), REPLY.method(),
                Optional.of(policy));

        assertThat(SyncWire.toJson(reply).object("oversight").canonical()).isEqualTo("{\"by\":\"roster\","
                + "\"max_deletes\":null,\"on_contradiction\":false,\"on_join\":true,\"on_moderation_change\":true}");
        assertThat(overTheWire(SyncWire.toJson(reply), SyncWire::handshakeReply)).isEqualTo(reply);
        refused(SyncWire.toJson(reply).canonical().replace("\"roster\",\"max", "\"owner\",\"max"),
                SyncWire::handshakeReply, "oversight", "oversight by must be 'admin' or 'roster', got: owner");
    }

    @Test
    void theApiSampleOfAHandshakeReplyReadsWithTheDefaultsOfAnOlderInstance() {
        HandshakeReply read = SyncWire.handshakeReply(json("{\"sync_group_id\": \"grp_1\", \"instance_id\": \"ins_a\","
                + " \"signing_key\": \"ef56\", \"current_seq\": 7, \"sync_token\": \"hst_a\","
                + " \"owner_instance_id\": \"ins_a\", \"owner_agent_id\": \"agt_1\", \"hive_name\": \"lab\","
                + " \"lineage\": \"lin_1\"}"));

        assertThat(read).isEqualTo(new HandshakeReply("grp_1", "ins_a", "ef56", 7, "hst_a", null, "ins_a", "agt_1",
                "lab", "lin_1", "open", SyncGroup.DEFAULT_METHOD, Optional.empty()));
        assertThat(SyncWire.toJson(read).members()).doesNotContainKey("sync_token_expires_at");
    }

    @Test
    void aHandshakeReplyOfTheWrongShapeIsRefusedNamingTheField() {
        String good = SyncWire.toJson(REPLY).canonical();
        refused(good.replace("\"current_seq\":42,", ""), SyncWire::handshakeReply, "current_seq", "is required");
        refused(good.replace("\"current_seq\":42", "\"current_seq\":\"42\""), SyncWire::handshakeReply,
                "current_seq", "must be a number");
        refused(good.replace("\"current_seq\":42", "\"current_seq\":4.5"), SyncWire::handshakeReply,
                "current_seq", "must be an integer");
        refused(good.replace("\"sync_token\":\"hst_a\",", ""), SyncWire::handshakeReply, "sync_token", "is required");
        refused(good.replace("2027-01-01T00:00:00Z", "next year"), SyncWire::handshakeReply,
                "sync_token_expires_at", "must be an ISO-8601 instant");
    }

    // event page (pull reply)

    private static final EventPage PAGE = new EventPage(List.of(json(EVENT)), 17, true, Map.of("ins_a", "ab12"));

    @Test
    void anEventPageIsWrittenAsBeforeAndReadsBack() {
        assertThat(SyncWire.toJson(PAGE).canonical())
                .isEqualTo("{\"events\":[" + EVENT + "],\"has_more\":true,\"keys\":{\"ins_a\":\"ab12\"},\"next_seq\":17}");
        assertThat(overTheWire(SyncWire.toJson(PAGE), SyncWire::eventPage)).isEqualTo(PAGE);
    }

    @Test
    void theApiSampleOfAnEventPageReads() {
        EventPage read = SyncWire.eventPage(json("{\"events\": [" + EVENT + "], \"next_seq\": 3}"));

        assertThat(read).isEqualTo(new EventPage(List.of(json(EVENT)), 3, false, Map.of()));
    }

    @Test
    void anEventPageOfTheWrongShapeIsRefusedNamingTheField() {
        refused("{\"next_seq\":3}", SyncWire::eventPage, "events", "is required");
        refused("{\"events\":{},\"next_seq\":3}", SyncWire::eventPage, "events", "must be an array");
        refused("{\"events\":[7],\"next_seq\":3}", SyncWire::eventPage, "events", "must hold objects");
        refused("{\"events\":[]}", SyncWire::eventPage, "next_seq", "is required");
        refused("{\"events\":[],\"next_seq\":3,\"has_more\":\"yes\"}", SyncWire::eventPage, "has_more",
                "must be true or false");
        refused("{\"events\":[],\"next_seq\":3,\"keys\":[]}", SyncWire::eventPage, "keys",
                "must be an object of instance_id to signing key");
        refused("{\"events\":[],\"next_seq\":3,\"keys\":{\"ins_a\":1}}", SyncWire::eventPage, "keys",
                "values must be strings");
    }

    // push batch and its reply

    private static final PushBatch BATCH = new PushBatch(List.of(json(EVENT)), Map.of("ins_a", "ab12"), 9);

    @Test
    void aPushBatchIsWrittenAsBeforeAndReadsBack() {
        assertThat(SyncWire.toJson(BATCH).canonical())
                .isEqualTo("{\"events\":[" + EVENT + "],\"keys\":{\"ins_a\":\"ab12\"},\"sender_seq\":9}");
        assertThat(overTheWire(SyncWire.toJson(BATCH), SyncWire::pushBatch)).isEqualTo(BATCH);
    }

    @Test
    void theApiSampleOfAPushBatchReadsWithoutKeys() {
        PushBatch read = SyncWire.pushBatch(json("{\"events\": [" + EVENT + "], \"sender_seq\": 12}"));
        PushBatch bare = SyncWire.pushBatch(json("{\"events\": []}"));

        assertThat(read).isEqualTo(new PushBatch(List.of(json(EVENT)), Map.of(), 12));
        assertThat(bare).isEqualTo(new PushBatch(List.of(), Map.of(), 0));
    }

    @Test
    void aPushBatchOfTheWrongShapeIsRefusedNamingTheField() {
        refused("{\"sender_seq\":1}", SyncWire::pushBatch, "events", "is required");
        refused("{\"events\":\"evt_1\"}", SyncWire::pushBatch, "events", "must be an array");
        refused("{\"events\":[[]]}", SyncWire::pushBatch, "events", "must hold objects");
        refused("{\"events\":[],\"keys\":\"ab12\"}", SyncWire::pushBatch, "keys",
                "must be an object of instance_id to signing key");
        refused("{\"events\":[],\"keys\":{\"ins_a\":null}}", SyncWire::pushBatch, "keys", "values must be strings");
        refused("{\"events\":[],\"sender_seq\":\"9\"}", SyncWire::pushBatch, "sender_seq", "must be a number");
        refused("{\"events\":[],\"sender_seq\":null}", SyncWire::pushBatch, "sender_seq", "must be a number");
    }

    private static final PushReply PUSHED = new PushReply(120, 5, 1, 2, 3, 4);

    @Test
    void aPushReplyIsWrittenAsBeforeAndReadsBack() {
        assertThat(SyncWire.toJson(PUSHED).canonical()).isEqualTo("{\"accepted\":5,\"deferred\":2,\"duplicate\":1,"
                + "\"quarantined\":3,\"received_seq\":120,\"refused\":4}");
        assertThat(overTheWire(SyncWire.toJson(PUSHED), SyncWire::pushReply)).isEqualTo(PUSHED);
    }

    @Test
    void theApiSampleOfAPushReplyReadsWithTheDefaultsOfAnOlderInstance() {
        PushReply read = SyncWire.pushReply(json("{\"received_seq\": 8, \"accepted\": 2, \"duplicate\": 0,"
                + " \"quarantined\": 1}"));

        assertThat(read).isEqualTo(new PushReply(8, 2, 0, 0, 1, 0));
    }

    @Test
    void aPushReplyOfTheWrongShapeIsRefusedNamingTheField() {
        refused("{\"accepted\":2,\"duplicate\":0,\"quarantined\":1}", SyncWire::pushReply, "received_seq", "is required");
        refused("{\"received_seq\":8,\"accepted\":true,\"duplicate\":0,\"quarantined\":1}", SyncWire::pushReply,
                "accepted", "must be a number");
        refused("{\"received_seq\":8,\"accepted\":2,\"duplicate\":-1,\"quarantined\":1}", SyncWire::pushReply,
                "duplicate", "must be a count from 0 to " + Integer.MAX_VALUE);
        refused("{\"received_seq\":8,\"accepted\":2,\"duplicate\":0,\"quarantined\":1,\"deferred\":\"2\"}",
                SyncWire::pushReply, "deferred", "must be a number");
    }

    // heartbeat

    private static final Heartbeat BEAT = new Heartbeat("ins_a", Map.of("grp_1", 42L, "grp_2", 0L),
            List.of(new KnownPeer("http://10.0.0.2:7070/sync/v1", "lab", List.of("ml", "ops"), "ab12", 2)));

    @Test
    void aHeartbeatIsWrittenAsBeforeAndReadsBack() {
        assertThat(SyncWire.toJson(BEAT).canonical()).isEqualTo("{\"instance_id\":\"ins_a\",\"known_peers\":[{"
                + "\"name\":\"lab\",\"shared_hives\":[\"ml\",\"ops\"],\"signing_key\":\"ab12\","
                + "\"sync_endpoint\":\"http://10.0.0.2:7070/sync/v1\",\"ttl\":2}],"
                + "\"seq_by_group\":{\"grp_1\":42,\"grp_2\":0}}");
        assertThat(overTheWire(SyncWire.toJson(BEAT), SyncWire::heartbeat)).isEqualTo(BEAT);
    }

    @Test
    void theApiSampleOfAHeartbeatReads() {
        Heartbeat read = SyncWire.heartbeat(json("{\"instance_id\": \"ins_b\", \"seq_by_group\": {\"grp_1\": 5},"
                + " \"known_peers\": [{\"sync_endpoint\": \"http://c:7070/sync/v1\", \"name\": \"c\","
                + " \"shared_hives\": [\"lab\"], \"signing_key\": \"cd\", \"ttl\": 1}]}"));
        Heartbeat bare = SyncWire.heartbeat(json("{\"instance_id\": \"ins_b\"}"));

        assertThat(read).isEqualTo(new Heartbeat("ins_b", Map.of("grp_1", 5L),
                List.of(new KnownPeer("http://c:7070/sync/v1", "c", List.of("lab"), "cd", 1))));
        assertThat(bare).isEqualTo(new Heartbeat("ins_b", Map.of(), List.of()));
    }

    @Test
    void unreadableGossipIsDroppedAndTheRestKept() {
        Heartbeat read = SyncWire.heartbeat(json("{\"instance_id\":\"ins_b\",\"known_peers\":[7,"
                + "{\"sync_endpoint\":\"http://x\"},{\"sync_endpoint\":\"http://w\",\"shared_hives\":\"ml\","
                + "\"signing_key\":\"ef\",\"ttl\":1},"
                + "{\"sync_endpoint\":\"http://y\",\"shared_hives\":[\"ml\"],\"signing_key\":\"cd\",\"ttl\":1}]}"));
        Heartbeat notAList = SyncWire.heartbeat(json("{\"instance_id\":\"ins_b\",\"known_peers\":\"none\"}"));

        assertThat(read.knownPeers()).containsExactly(new KnownPeer("http://y", "peer", List.of("ml"), "cd", 1));
        assertThat(notAList.knownPeers()).isEmpty();
    }

    @Test
    void aHeartbeatOfTheWrongShapeIsRefusedNamingTheField() {
        refused("{\"seq_by_group\":{}}", SyncWire::heartbeat, "instance_id", "is required");
        refused("{\"instance_id\":\"ins_b\",\"seq_by_group\":[1]}", SyncWire::heartbeat, "seq_by_group",
                "must be an object of group to seq");
        refused("{\"instance_id\":\"ins_b\",\"seq_by_group\":{\"grp_1\":\"5\"}}", SyncWire::heartbeat, "seq_by_group",
                "values must be numbers");
        refused("{\"instance_id\":\"ins_b\",\"seq_by_group\":{\"grp_1\":1.5}}", SyncWire::heartbeat, "seq_by_group",
                "must be an integer");
    }

    // roster, leave and the acknowledgement

    @Test
    void aRosterIsWrittenAsBeforeAndReadsBack() {
        RosterMessage roster = new RosterMessage(List.of("ins_a", "ins_b"), Optional.empty());
        RosterMessage withPolicy = new RosterMessage(List.of("ins_a"), Optional.of(OversightPolicy.NONE.withMaxDeletes(2)));

        assertThat(SyncWire.toJson(roster).canonical()).isEqualTo("{\"members\":[\"ins_a\",\"ins_b\"]}");
        assertThat(overTheWire(SyncWire.toJson(roster), SyncWire::roster)).isEqualTo(roster);
        assertThat(SyncWire.roster(json("{\"members\": []}"))).isEqualTo(new RosterMessage(List.of(), Optional.empty()));
        assertThat(SyncWire.toJson(withPolicy).canonical()).isEqualTo("{\"members\":[\"ins_a\"],\"oversight\":{\"by\":"
                + "\"admin\",\"max_deletes\":2,\"on_contradiction\":false,\"on_join\":false,\"on_moderation_change\":false}}");
        assertThat(overTheWire(SyncWire.toJson(withPolicy), SyncWire::roster)).isEqualTo(withPolicy);
    }

    @Test
    void aRosterOfTheWrongShapeIsRefusedNamingTheField() {
        refused("{}", SyncWire::roster, "members", "is required");
        refused("{\"members\":\"ins_a\"}", SyncWire::roster, "members", "must be an array of instance IDs");
        refused("{\"members\":[\"ins_a\",3]}", SyncWire::roster, "members", "must be an array of instance IDs");
        refused("{\"members\":[],\"oversight\":\"roster\"}", SyncWire::roster, "oversight", "must be an object");
        refused("{\"members\":[],\"oversight\":{\"max_deletes\":null,\"on_moderation_change\":false,"
                + "\"on_contradiction\":false,\"on_join\":false,\"by\":\"anyone\"}}", SyncWire::roster, "oversight",
                "oversight by must be 'admin' or 'roster', got: anyone");
    }

    @Test
    void aLeaveIsAnEmptyObjectAndTheAcknowledgementSaysOk() {
        assertThat(SyncWire.LEAVE.canonical()).isEqualTo("{}");
        assertThat(SyncWire.OK.canonical()).isEqualTo("{\"ok\":true}");
    }
}
