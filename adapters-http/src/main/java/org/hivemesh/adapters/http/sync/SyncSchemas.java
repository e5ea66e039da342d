package org.hivemesh.adapters.http.sync;

import org.hivemesh.adapters.http.Schema;

/** The schemas of sync administration, governed groups and the peer protocol. */
final class SyncSchemas {
    private SyncSchemas() {
    }

    static final Schema EVENT = Schema.object().required("id", Schema.string().describe("ev_ + SHA-256 of the content"))
            .required("group", Schema.string()).required("type", Schema.string()).required("origin", Schema.string())
            .required("hlc", Schema.string()).required("payload", Schema.map(Schema.any()))
            .required("signature", Schema.string().describe("hex Ed25519 over the bytes the ID hashes"))
            .named("Event");

    static final Schema PEER_STATUS = Schema.object().required("id", Schema.string()).required("name", Schema.string())
            .required("sync_endpoint", Schema.string()).required("status", Schema.string())
            .required("lag", Schema.integer().describe("our events the peer has not taken yet"))
            .required("queue_depth", Schema.integer()).required("behind", Schema.integer())
            .required("last_sync", Schema.timestamp().nullable()).required("last_error", Schema.string().nullable())
            .required("source", Schema.string()).required("discovered_via", Schema.string()).named("GroupPeer");

    static final Schema QUARANTINED = Schema.object().required("id", Schema.string())
            .required("event_id", Schema.string().nullable()).required("peer_id", Schema.string())
            .required("reason", Schema.string()).required("at", Schema.timestamp()).named("QuarantinedEvent");

    /** A group's oversight policy; a PATCH gives only the settings it changes. */
    static final Schema OVERSIGHT = Schema.object()
            .required("max_deletes", Schema.integer().nullable().describe("more deletes than this need oversight; null: no limit"))
            .required("on_moderation_change", Schema.bool()).required("on_contradiction", Schema.bool())
            .required("on_join", Schema.bool())
            .required("by", Schema.enumOf("admin", "roster").describe("who approves a merge that tripped a trigger"))
            .named("OversightPolicy");

    static final Schema OVERSIGHT_CHANGE = Schema.object()
            .optional("max_deletes", Schema.integer().nullable()).optional("on_moderation_change", Schema.bool())
            .optional("on_contradiction", Schema.bool()).optional("on_join", Schema.bool())
            .optional("by", Schema.enumOf("admin", "roster")).named("OversightPolicyChange");

    static final Schema GROUP = Schema.object().required("id", Schema.string()).required("name", Schema.string())
            .required("hive_name", Schema.string()).required("owner_instance_id", Schema.string())
            .required("consent", Schema.enumOf("open", "roster")).required("method", Schema.string())
            .required("lineage", Schema.string()).required("local_seq", Schema.integer())
            .required("event_count", Schema.integer()).required("roster", Schema.array(Schema.string()))
            .required("pending_plans", Schema.integer()).required("cadence", Schema.string())
            .required("last_shared_seq", Schema.integer()).required("unshared_events", Schema.integer())
            .required("state_digest", Schema.string()).required("quarantined", Schema.integer())
            .required("deferred", Schema.integer()).required("refused", Schema.integer())
            .required("peers", Schema.array(PEER_STATUS)).required("recent_quarantine", Schema.array(QUARANTINED))
            .required("oversight", OVERSIGHT).named("SyncGroup");

    static final Schema GROUPS = Schema.object().required("data", Schema.array(GROUP)).named("SyncGroupList");

    /** One hive's trouble with a peer, kept apart from the peer's other hives. */
    static final Schema HIVE_SYNC_STATE = Schema.object().required("hive", Schema.string())
            .required("state", Schema.enumOf("pending_approval", "turned_down", "failing"))
            .required("plan_id", Schema.string().nullable()).required("detail", Schema.string())
            .required("failures", Schema.integer()).required("since", Schema.timestamp())
            .required("next_attempt_at", Schema.timestamp().nullable()).named("HiveSyncState");

    static final Schema PEER = Schema.object().required("id", Schema.string()).required("name", Schema.string())
            .required("sync_endpoint", Schema.string()).required("instance_id", Schema.string().nullable())
            .required("signing_key", Schema.string().nullable()).required("source", Schema.string())
            .required("discovered_via", Schema.string()).required("status", Schema.string())
            .required("consecutive_failures", Schema.integer()).required("last_seen", Schema.timestamp().nullable())
            .required("last_error", Schema.string().nullable()).required("shared_hives", Schema.array(Schema.string()))
            .required("hives", Schema.array(HIVE_SYNC_STATE))
            .required("created_at", Schema.timestamp()).optional("next_retry_at", Schema.timestamp().nullable())
            .optional("last_success_at", Schema.timestamp().nullable()).optional("circuit_open", Schema.bool())
            .named("Peer");

    static final Schema PEERS = Schema.object().required("data", Schema.array(PEER)).named("PeerList");

    static final Schema LOCAL_EVENTS = Schema.object()
            .required("events", Schema.array(Schema.object().required("seq", Schema.integer()).including(eventMembers())
                    .named("LocalEvent")))
            .required("next_seq", Schema.integer()).named("LocalEventPage");

    static final Schema REFUSED = Schema.object().required("data", Schema.array(Schema.object()
            .including(eventMembers()).required("actor", Schema.map(Schema.any()))
            .required("rule", Schema.string()).required("reason", Schema.string()).named("RefusedEvent")))
            .named("RefusedEventList");

    static final Schema IMPORT_REPORT = Schema.object().required("group", Schema.string())
            .required("new", Schema.integer()).required("duplicate", Schema.integer()).required("deferred", Schema.integer())
            .required("refused", Schema.integer()).required("flagged", Schema.integer())
            .required("rejected", Schema.integer())
            .required("rejections", Schema.array(Schema.object().required("line", Schema.integer())
                    .required("reason", Schema.string()).named("ImportRejection")))
            .named("ImportReport");

    static final Schema PEER_TEST = Schema.object().required("reachable", Schema.bool())
            .required("millis", Schema.integer()).required("instance_id", Schema.string().nullable())
            .required("error", Schema.string().nullable()).named("PeerTest");

    static final Schema STATUS = Schema.object().required("instance_id", Schema.string())
            .required("groups", Schema.array(GROUP)).named("SyncStatus");

    static final Schema OK = Schema.object().required("ok", Schema.bool()).named("Ok");

    static final Schema JOIN_REQUESTED = Schema.object().required("hive_name", Schema.string())
            .required("status", Schema.string()).optional("plan_id", Schema.string())
            .optional("peer_id", Schema.string()).optional("waiting_for", Schema.array(Schema.string()))
            .named("JoinRequested");

    static final Schema CREATE_GROUP = Schema.object().required("hive_name", Schema.string())
            .optional("consent", Schema.enumOf("open", "roster")).optional("method", Schema.string())
            .named("CreateGroupRequest");

    static final Schema JOIN = Schema.object().required("hive_name", Schema.string())
            .optional("peer_endpoint", Schema.string().describe("without it the join is asked for through the hub"))
            .named("JoinGroupRequest");

    static final Schema CHANGE_METHOD = Schema.object().optional("method", Schema.string())
            .optional("oversight", OVERSIGHT_CHANGE).named("ChangeMethodRequest");

    static final Schema RESYNC = Schema.object().required("peer_id", Schema.string()).named("ResyncRequest");

    static final Schema ADD_PEER = Schema.object().required("name", Schema.string())
            .required("sync_endpoint", Schema.string()).optional("shared_hives", Schema.array(Schema.string()))
            .named("AddPeerRequest");

    static final Schema UPDATE_PEER = Schema.object().optional("name", Schema.string())
            .optional("sync_endpoint", Schema.string()).optional("shared_hives", Schema.array(Schema.string()))
            .named("UpdatePeerRequest");

    static final Schema MERGE_PLAN = Schema.object().required("plan_id", Schema.string()).required("group", Schema.string())
            .required("peer_instance_id", Schema.string()).required("kind", Schema.string())
            .required("status", Schema.string()).required("plan", Schema.map(Schema.any()).describe("what the merge does"))
            .required("approval", Schema.map(Schema.any()).describe("the approval round: roster, approvals, waiting_for"))
            .required("created_at", Schema.timestamp()).optional("proposed_by", Schema.string()).named("MergePlan");

    static final Schema MERGE_PLANS = Schema.object().required("data", Schema.array(MERGE_PLAN)).named("MergePlanList");

    static final Schema CADENCE = Schema.object().required("cadence", Schema.enumOf("continuous", "nightly", "on-open"))
            .optional("nightly_at", Schema.string().describe("HH:MM, UTC")).named("Cadence");

    static final Schema ROSTER = Schema.object().required("data", Schema.array(Schema.object()
            .required("instance_id", Schema.string()).required("state", Schema.string())
            .required("since", Schema.timestamp()).named("RosterMember"))).named("Roster");

    static final Schema OWNER = Schema.object().required("instance_id", Schema.string())
            .required("agent_id", Schema.string().describe("the hive owner of the authority rules")).named("GroupOwner");

    static final Schema OWNER_TRANSFER = Schema.object().required("instance_id", Schema.string()
                    .describe("an active roster member"))
            .optional("agent_id", Schema.string().describe("an agent of that instance; default: its 'instance' agent"))
            .named("OwnerTransfer");

    static final Schema NOTIFICATIONS = Schema.object().required("data", Schema.array(Schema.object()
            .required("id", Schema.string()).required("group", Schema.string()).required("recipient", Schema.string())
            .required("message", Schema.string()).required("created_at", Schema.timestamp()).named("Notification")))
            .named("NotificationList");

    static final Schema HANDSHAKE_REQUEST = Schema.object().required("sync_group_name", Schema.string())
            .required("instance_id", Schema.string()).required("signing_key", Schema.string())
            .required("sync_endpoint", Schema.string()).named("HandshakeRequest");

    static final Schema HANDSHAKE_REPLY = Schema.object().required("sync_group_id", Schema.string())
            .required("instance_id", Schema.string()).required("signing_key", Schema.string())
            .required("current_seq", Schema.integer()).required("sync_token", Schema.string()).named("HandshakeReply");

    static final Schema EVENT_PAGE = Schema.object().required("events", Schema.array(EVENT))
            .required("next_seq", Schema.integer()).required("has_more", Schema.bool())
            .optional("keys", Schema.map(Schema.string()).describe("origin instance ID to its public key"))
            .named("EventPage");

    static final Schema PUSH = Schema.object().required("events", Schema.array(EVENT))
            .required("sender_seq", Schema.integer()).optional("keys", Schema.map(Schema.string())).named("PushBatch");

    static final Schema PUSH_REPLY = Schema.object().required("received_seq", Schema.integer())
            .required("accepted", Schema.integer()).required("duplicate", Schema.integer()).named("PushReply");

    static final Schema HEARTBEAT = Schema.object().required("instance_id", Schema.string())
            .required("seq_by_group", Schema.map(Schema.integer()))
            .optional("known_peers", Schema.array(Schema.map(Schema.any()))).named("Heartbeat");

    /** A peer message described by its fields elsewhere (ConsentJson, SyncWire): proposals, rosters, approvals. */
    static final Schema MESSAGE = Schema.map(Schema.any());

    private static Schema.Properties eventMembers() {
        return Schema.object().required("id", Schema.string()).required("group", Schema.string())
                .required("type", Schema.string()).required("origin", Schema.string()).required("hlc", Schema.string())
                .required("payload", Schema.map(Schema.any())).required("signature", Schema.string());
    }
}
