package org.hivemesh.adapters.http.content;

import org.hivemesh.adapters.http.Schema;

/** The schemas of what {@link Views} writes and what the content routes read. */
final class ContentSchemas {
    private ContentSchemas() {
    }

    static final Schema AUTHOR = Schema.object().required("instance_id", Schema.string())
            .required("agent_id", Schema.string()).required("name", Schema.string()).named("Author");

    static final Schema HIVE = Schema.object().required("name", Schema.string()).required("group_id", Schema.string())
            .required("description", Schema.string().nullable()).required("owner_instance_id", Schema.string())
            .required("owner_agent_id", Schema.string()).required("created_at", Schema.timestamp())
            .required("settings", Schema.map(Schema.any()).describe("setting key to value"))
            .required("members", Schema.map(Schema.string()).describe("agent ID to membership state"))
            .required("moderators", Schema.array(Schema.string())).required("event_count", Schema.integer())
            .required("state_digest", Schema.string().describe("SHA-256 of the hive's canonical materialized state"))
            .named("Hive");

    static final Schema HIVES = Schema.object().required("data", Schema.array(HIVE)).named("HiveList");

    private static Schema.Properties postMembers() {
        return Schema.object().required("post_id", Schema.string()).required("title", Schema.string())
                .required("content", Schema.string().nullable()).required("url", Schema.string().nullable())
                .required("author", AUTHOR).required("origin_instance_id", Schema.string())
                .required("created_hlc", Schema.string()).required("score", Schema.integer())
                .required("comment_count", Schema.integer());
    }

    static final Schema POST = postMembers().named("Post");

    static final Schema COMMENT = Schema.object().required("comment_id", Schema.string())
            .required("post_id", Schema.string()).required("parent_comment_id", Schema.string().nullable())
            .required("content", Schema.string().nullable()).required("deleted", Schema.bool())
            .required("author", AUTHOR).required("origin_instance_id", Schema.string())
            .required("created_hlc", Schema.string()).required("score", Schema.integer())
            .required("replies", Schema.array(Schema.ref("Comment"))).named("Comment");

    static final Schema POST_WITH_THREAD = postMembers().required("hive", Schema.string())
            .required("comments", Schema.array(COMMENT)).named("PostWithThread");

    static final Schema FEED = Schema.object().required("data", Schema.array(POST))
            .required("cursor", Schema.string().nullable().describe("pass as ?cursor= for the next page"))
            .required("has_more", Schema.bool()).named("Feed");

    static final Schema DECISION = Schema.object().required("decision_id", Schema.string())
            .required("topic", Schema.string()).required("choice", Schema.string()).required("text", Schema.string())
            .required("confidence", Schema.number()).required("category", Schema.string())
            .required("stakes", Schema.enumOf("low", "medium", "high")).required("author", AUTHOR)
            .required("origin_instance_id", Schema.string()).required("hlc", Schema.string())
            .required("relates_to", Schema.array(Schema.string())).required("contradictions", Schema.array(Schema.string()))
            .named("Decision");

    static final Schema DECISIONS = Schema.object().required("data", Schema.array(DECISION)).named("DecisionList");

    static final Schema CONFLICT = Schema.object().required("conflict_id", Schema.string())
            .required("topic", Schema.string()).required("decision_ids", Schema.array(Schema.string()))
            .required("status", Schema.enumOf("open", "resolved"))
            .optional("resolution", Schema.object().required("keep_decision_id", Schema.string())
                    .required("note", Schema.string()).required("reviewer", Schema.string()).named("Resolution"))
            .named("Conflict");

    static final Schema CONFLICTS = Schema.object().required("data", Schema.array(CONFLICT)).named("ConflictList");

    static final Schema VOTE_RESULT = Schema.object().required("target_type", Schema.enumOf("post", "comment"))
            .required("target_id", Schema.string()).required("value", Schema.integer()).required("score", Schema.integer())
            .named("VoteResult");

    static final Schema REVIEW_RESULT = Schema.object().required("conflict_id", Schema.string())
            .required("status", Schema.string()).required("keep_decision_id", Schema.string()).named("ReviewResult");

    static final Schema CREATE_HIVE = Schema.object().required("name", Schema.string())
            .optional("description", Schema.string()).named("CreateHiveRequest");

    static final Schema CHANGE_SETTING = Schema.object().required("key", Schema.string()).required("value", Schema.any())
            .named("ChangeSettingRequest");

    private static Schema.Properties agentAction(String... actions) {
        return Schema.object().required("agent_id", Schema.string()).required("action", Schema.enumOf(actions))
                .optional("instance_id", Schema.string().describe("for an agent of another instance"))
                .optional("name", Schema.string().describe("that agent's name"));
    }

    static final Schema MEMBERSHIP = agentAction("join", "leave", "ban", "unban").named("MembershipRequest");

    static final Schema MODERATOR = agentAction("add", "remove").named("ModeratorRequest");

    static final Schema CREATE_POST = Schema.object().required("title", Schema.string())
            .optional("content", Schema.string()).optional("url", Schema.string()).named("CreatePostRequest");

    static final Schema EDIT_POST = Schema.object().optional("title", Schema.string())
            .optional("content", Schema.string()).optional("url", Schema.string()).named("EditPostRequest");

    static final Schema CREATE_COMMENT = Schema.object().required("content", Schema.string())
            .optional("parent_comment_id", Schema.string()).named("CreateCommentRequest");

    static final Schema EDIT_COMMENT = Schema.object().required("content", Schema.string()).named("EditCommentRequest");

    static final Schema VOTE = Schema.object().required("target_type", Schema.enumOf("post", "comment"))
            .required("target_id", Schema.string())
            .required("value", Schema.integer().describe("1, -1, or 0 to remove the vote")).named("VoteRequest");

    static final Schema RECORD_DECISION = Schema.object().required("topic", Schema.string())
            .required("choice", Schema.string()).required("text", Schema.string())
            .required("confidence", Schema.number()).required("category", Schema.string())
            .required("stakes", Schema.enumOf("low", "medium", "high")).named("RecordDecisionRequest");

    static final Schema REVIEW = Schema.object().required("keep_decision_id", Schema.string())
            .optional("note", Schema.string()).named("ReviewConflictRequest");
}
