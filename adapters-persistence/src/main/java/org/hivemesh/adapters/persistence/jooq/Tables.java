package org.hivemesh.adapters.persistence.jooq;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;

/** The schema of db/migration as jOOQ names; every query of this adapter goes through these. */
final class Tables {
    private Tables() {
    }

    /** {@code field} qualified by {@code table}, for joins. */
    static <T> Field<T> q(Table<?> table, Field<T> field) {
        return field(name(table.getName(), field.getName()), field.getDataType());
    }

    static final Field<String> GROUP_ID = field(name("group_id"), SQLDataType.VARCHAR);
    static final Field<String> STATE = field(name("state"), SQLDataType.VARCHAR);

    static final Table<?> STORE_PROBE = table(name("store_probe"));
    static final Field<byte[]> PROBE_PAYLOAD = field(name("payload"), SQLDataType.BLOB);

    static final Table<?> IDENTITY = table(name("instance_identity"));
    static final Field<Integer> IDENTITY_SINGLETON = field(name("singleton"), SQLDataType.INTEGER);
    static final Field<String> INSTANCE_ID = field(name("instance_id"), SQLDataType.VARCHAR);
    static final Field<String> PUBLIC_KEY = field(name("public_key"), SQLDataType.VARCHAR);
    static final Field<String> PRIVATE_KEY = field(name("private_key"), SQLDataType.VARCHAR);

    static final Table<?> HIVES = table(name("hives"));
    static final Field<String> HIVE_NAME = field(name("name"), SQLDataType.VARCHAR);
    static final Field<String> OWNER_INSTANCE_ID = field(name("owner_instance_id"), SQLDataType.VARCHAR);
    static final Field<String> OWNER_AGENT_ID = field(name("owner_agent_id"), SQLDataType.VARCHAR);
    static final Field<Long> CREATED_AT = field(name("created_at"), SQLDataType.BIGINT);

    static final Table<?> GROUP_SEQ = table(name("group_seq"));
    static final Field<Long> LAST_SEQ = field(name("last_seq"), SQLDataType.BIGINT);

    static final Table<?> EVENTS = table(name("events"));
    static final Field<Long> SEQ = field(name("seq"), SQLDataType.BIGINT);
    static final Field<String> EVENT_ID = field(name("event_id"), SQLDataType.VARCHAR);
    static final Field<String> EVENT_TYPE = field(name("event_type"), SQLDataType.VARCHAR);
    static final Field<String> ORIGIN = field(name("origin"), SQLDataType.VARCHAR);
    static final Field<String> HLC = field(name("hlc"), SQLDataType.VARCHAR);
    static final Field<String> PAYLOAD = field(name("payload"), SQLDataType.VARCHAR);
    static final Field<String> SIGNATURE = field(name("signature"), SQLDataType.VARCHAR);
    static final Field<Long> RECEIVED_AT = field(name("received_at"), SQLDataType.BIGINT);
    static final Field<String> ENTITY_KEY = field(name("entity_key"), SQLDataType.VARCHAR);
    static final Field<String> ACTOR_KEY = field(name("actor_key"), SQLDataType.VARCHAR);

    static final Table<?> REFUSED_EVENTS = table(name("refused_events"));
    static final Field<String> RULE = field(name("rule"), SQLDataType.VARCHAR);

    static final Table<?> STATE_DIGESTS = table(name("state_digests"));
    static final Field<String> DIGEST_SUM = field(name("digest_sum"), SQLDataType.VARCHAR);

    static final Table<?> MATERIALIZATION = table(name("materialization"));
    static final Field<Integer> SINGLETON = field(name("singleton"), SQLDataType.INTEGER);
    static final Field<Integer> RULES = field(name("rules"), SQLDataType.INTEGER);

    static final Table<?> POSTS = table(name("posts"));
    static final Field<String> POST_ID = field(name("post_id"), SQLDataType.VARCHAR);
    static final Field<Integer> CREATED = field(name("created"), SQLDataType.INTEGER);
    static final Field<String> CREATED_HLC = field(name("created_hlc"), SQLDataType.VARCHAR);
    static final Field<Integer> DELETED = field(name("deleted"), SQLDataType.INTEGER);

    static final Table<?> COMMENTS = table(name("comments"));
    static final Field<String> COMMENT_ID = field(name("comment_id"), SQLDataType.VARCHAR);
    static final Field<String> PARENT_COMMENT_ID = field(name("parent_comment_id"), SQLDataType.VARCHAR);

    static final Table<?> VOTES = table(name("votes"));
    static final Field<String> VOTE_KEY = field(name("vote_key"), SQLDataType.VARCHAR);
    static final Field<String> TARGET_TYPE = field(name("target_type"), SQLDataType.VARCHAR);
    static final Field<String> TARGET_ID = field(name("target_id"), SQLDataType.VARCHAR);
    static final Field<Integer> VALUE_INT = field(name("value"), SQLDataType.INTEGER);

    static final Table<?> SCORES = table(name("scores"));
    static final Field<Integer> SCORE = field(name("score"), SQLDataType.INTEGER);

    static final Table<?> SETTINGS = table(name("settings"));
    static final Field<String> SETTING_KEY = field(name("setting_key"), SQLDataType.VARCHAR);
    static final Field<String> VALUE_TEXT = field(name("value"), SQLDataType.VARCHAR);

    static final Table<?> MEMBERS = table(name("members"));
    static final Table<?> MODERATORS = table(name("moderators"));
    static final Field<String> AGENT_KEY = field(name("agent_key"), SQLDataType.VARCHAR);
    static final Field<String> ACTION = field(name("action"), SQLDataType.VARCHAR);

    static final Table<?> DECISIONS = table(name("decisions"));
    static final Field<String> DECISION_ID = field(name("decision_id"), SQLDataType.VARCHAR);
    static final Field<String> TOPIC = field(name("topic"), SQLDataType.VARCHAR);
    static final Field<String> CHOICE = field(name("choice"), SQLDataType.VARCHAR);
    static final Field<String> AUTHOR_KEY = field(name("author_key"), SQLDataType.VARCHAR);

    static final Table<?> DECISION_REVIEWS = table(name("decision_reviews"));
    static final Field<String> CONFLICT_ID = field(name("conflict_id"), SQLDataType.VARCHAR);


    static final Table<?> AGENTS = table(name("agents"));
    static final Field<String> AGENT_ID = field(name("agent_id"), SQLDataType.VARCHAR);
    static final Field<String> AGENT_NAME = field(name("name"), SQLDataType.VARCHAR);
    static final Field<String> API_KEY_HASH = field(name("api_key_hash"), SQLDataType.VARCHAR);
    static final Field<Integer> MAY_EXECUTE = field(name("may_execute"), SQLDataType.INTEGER);

    static final Table<?> SESSIONS = table(name("sessions"));
    static final Field<String> TOKEN_HASH = field(name("token_hash"), SQLDataType.VARCHAR);
    static final Field<String> SCOPE = field(name("scope"), SQLDataType.VARCHAR);
    static final Field<Long> EXPIRES_AT = field(name("expires_at"), SQLDataType.BIGINT);

    static final Table<?> AUDIT_LOG = table(name("audit_log"));
    static final Field<String> AUDIT_ID = field(name("id"), SQLDataType.VARCHAR);
    static final Field<Long> AT = field(name("at"), SQLDataType.BIGINT);
    static final Field<String> ACTOR = field(name("actor"), SQLDataType.VARCHAR);
    static final Field<String> DETAILS = field(name("details"), SQLDataType.VARCHAR);

    static final Table<?> SYNC_GROUPS = table(name("sync_groups"));
    static final Field<String> CONSENT = field(name("consent"), SQLDataType.VARCHAR);
    static final Field<String> METHOD = field(name("method"), SQLDataType.VARCHAR);
    static final Field<String> LINEAGE = field(name("lineage"), SQLDataType.VARCHAR);
    static final Field<String> GROUP_HIVE_NAME = field(name("hive_name"), SQLDataType.VARCHAR);

    static final Table<?> PEERS = table(name("peers"));
    static final Field<String> PEER_ID = field(name("peer_id"), SQLDataType.VARCHAR);
    static final Field<String> PEER_NAME = field(name("name"), SQLDataType.VARCHAR);
    static final Field<String> SYNC_ENDPOINT = field(name("sync_endpoint"), SQLDataType.VARCHAR);
    static final Field<String> SIGNING_KEY = field(name("signing_key"), SQLDataType.VARCHAR);
    static final Field<String> OUTBOUND_TOKEN = field(name("outbound_token"), SQLDataType.VARCHAR);
    static final Field<String> SOURCE = field(name("source"), SQLDataType.VARCHAR);
    static final Field<String> PEER_STATUS = field(name("status"), SQLDataType.VARCHAR);
    static final Field<Integer> FAILURES = field(name("consecutive_failures"), SQLDataType.INTEGER);
    static final Field<Long> LAST_SEEN = field(name("last_seen"), SQLDataType.BIGINT);
    static final Field<String> LAST_ERROR = field(name("last_error"), SQLDataType.VARCHAR);
    static final Field<String> SHARED_HIVES = field(name("shared_hives"), SQLDataType.VARCHAR);

    static final Field<Integer> LEARNED_TTL = field(name("learned_ttl"), SQLDataType.INTEGER);
    static final Field<String> DISCOVERED_VIA = field(name("discovered_via"), SQLDataType.VARCHAR);

    static final Table<?> PEER_TOKENS = table(name("peer_tokens"));

    static final Table<?> PEER_GROUPS = table(name("peer_groups"));
    static final Field<Long> LAST_SEQ_SENT = field(name("last_seq_sent"), SQLDataType.BIGINT);
    static final Field<Long> LAST_SEQ_RECEIVED = field(name("last_seq_received"), SQLDataType.BIGINT);
    static final Field<Long> REMOTE_SEQ = field(name("remote_seq"), SQLDataType.BIGINT);
    static final Field<Long> LAST_SYNC = field(name("last_sync"), SQLDataType.BIGINT);

    static final Table<?> HIVE_SYNC_STATE = table(name("hive_sync_state"));
    static final Field<String> STATE_DETAIL = field(name("detail"), SQLDataType.VARCHAR);
    static final Field<Integer> STATE_FAILURES = field(name("failures"), SQLDataType.INTEGER);
    static final Field<Long> NEXT_ATTEMPT = field(name("next_attempt"), SQLDataType.BIGINT);

    static final Table<?> QUARANTINE = table(name("quarantine"));
    static final Field<String> QUARANTINE_ID = field(name("id"), SQLDataType.VARCHAR);
    static final Field<String> REASON = field(name("reason"), SQLDataType.VARCHAR);
    static final Field<String> EVENT_JSON = field(name("event"), SQLDataType.VARCHAR);

    static final Table<?> QUARANTINE_COUNTS = table(name("quarantine_counts"));
    static final Field<Long> COUNT = field(name("count"), SQLDataType.BIGINT);

    static final Table<?> DEFERRED_EVENTS = table(name("deferred_events"));
    static final Field<String> ORIGIN_KEY = field(name("origin_key"), SQLDataType.VARCHAR);
    static final Field<Long> DUE_AT = field(name("due_at"), SQLDataType.BIGINT);

    static final Table<?> INSTANCE_KEYS = table(name("instance_keys"));

    static final Table<?> HUB_KEYS = table(name("hub_registration_keys"));
    static final Field<String> KEY_HASH = field(name("key_hash"), SQLDataType.VARCHAR);

    static final Table<?> HUB_SWARMS = table(name("hub_swarms"));
    static final Field<String> SWARM_ID = field(name("swarm_id"), SQLDataType.VARCHAR);
    static final Field<String> CAPABILITIES = field(name("capabilities"), SQLDataType.VARCHAR);
    static final Field<Long> REGISTERED_AT = field(name("registered_at"), SQLDataType.BIGINT);
    static final Field<Long> LAST_HEARTBEAT = field(name("last_heartbeat"), SQLDataType.BIGINT);

    static final Table<?> HUB_MEMBERSHIPS = table(name("hub_memberships"));
    static final Field<Long> JOINED_AT = field(name("joined_at"), SQLDataType.BIGINT);

    static final Table<?> HUB_CLIENT = table(name("hub_client"));
    static final Field<String> HUB_URL = field(name("hub_url"), SQLDataType.VARCHAR);
    static final Field<String> TOKEN = field(name("token"), SQLDataType.VARCHAR);

    static final Table<?> GROUP_ROSTERS = table(name("group_rosters"));
    static final Field<String> ROSTER_KEY = field(name("roster_key"), SQLDataType.VARCHAR);

    static final Table<?> ROSTER = table(name("roster"));
    static final Field<String> ROSTER_STATE = field(name("state"), SQLDataType.VARCHAR);
    static final Field<Long> SINCE = field(name("since"), SQLDataType.BIGINT);

    static final Table<?> MERGE_PLANS = table(name("merge_plans"));
    static final Field<String> PLAN_ID = field(name("plan_id"), SQLDataType.VARCHAR);
    static final Field<String> PEER_INSTANCE_ID = field(name("peer_instance_id"), SQLDataType.VARCHAR);
    static final Field<String> KIND = field(name("kind"), SQLDataType.VARCHAR);
    static final Field<String> PLAN = field(name("plan"), SQLDataType.VARCHAR);
    static final Field<String> RECORD = field(name("record"), SQLDataType.VARCHAR);
    static final Field<String> PLAN_STATUS = field(name("status"), SQLDataType.VARCHAR);
    static final Field<String> PROPOSED_BY = field(name("proposed_by"), SQLDataType.VARCHAR);

    static final Table<?> NOTIFICATIONS = table(name("notifications"));
    static final Field<String> NOTIFICATION_ID = field(name("id"), SQLDataType.VARCHAR);
    static final Field<String> RECIPIENT = field(name("recipient"), SQLDataType.VARCHAR);
    static final Field<String> MESSAGE = field(name("message"), SQLDataType.VARCHAR);
    static final Field<Integer> DELIVERED = field(name("delivered"), SQLDataType.INTEGER);

    static final Table<?> CADENCE = table(name("cadence"));
    static final Field<String> MODE = field(name("mode"), SQLDataType.VARCHAR);
    static final Field<String> NIGHTLY_AT = field(name("nightly_at"), SQLDataType.VARCHAR);
    static final Field<Long> LAST_ROUND = field(name("last_round"), SQLDataType.BIGINT);
    static final Field<Long> OPENED_AT = field(name("opened_at"), SQLDataType.BIGINT);
    static final Field<Long> LAST_READ = field(name("last_read"), SQLDataType.BIGINT);

    static final Table<?> GROUP_OVERSIGHT = table(name("group_oversight"));
    static final Field<String> OVERSIGHT_POLICY = field(name("policy"), SQLDataType.VARCHAR);
}
