package org.hivemesh.client.walkthrough;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hivemesh.client.ApiClient;
import org.hivemesh.client.api.ContentApi;
import org.hivemesh.client.api.CredentialApi;
import org.hivemesh.client.api.OpsApi;
import org.hivemesh.client.model.ChangeSettingRequest;
import org.hivemesh.client.model.Conflict;
import org.hivemesh.client.model.CreateAgentRequest;
import org.hivemesh.client.model.CreateCommentRequest;
import org.hivemesh.client.model.CreateHiveRequest;
import org.hivemesh.client.model.CreatePostRequest;
import org.hivemesh.client.model.CreatedAgent;
import org.hivemesh.client.model.Decision;
import org.hivemesh.client.model.EditPostRequest;
import org.hivemesh.client.model.Feed;
import org.hivemesh.client.model.Hive;
import org.hivemesh.client.model.MembershipRequest;
import org.hivemesh.client.model.ModeratorRequest;
import org.hivemesh.client.model.OpenSessionRequest;
import org.hivemesh.client.model.PostWithThread;
import org.hivemesh.client.model.RecordDecisionRequest;
import org.hivemesh.client.model.ReviewConflictRequest;
import org.hivemesh.client.model.VoteRequest;

/**
 * The README's "A first session with curl", its governance and decision blocks, and "Operations", written against
 * the client generated from /openapi.json. It is compiled at test time with that client: a schema that does not fit
 * what the walkthrough needs fails the build of this file, a response that does not fit its schema fails the run.
 */
public final class ReadmeWalkthrough {
    private ReadmeWalkthrough() {
    }

    private static ApiClient client(String base, String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(base);
        if (token != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return client;
    }

    private static String session(String base, String admin, String name) throws Exception {
        CreatedAgent agent = new CredentialApi(client(base, admin)).createAgent(new CreateAgentRequest().name(name));
        return new CredentialApi(client(base, null)).openSession(new OpenSessionRequest().apiKey(agent.getApiKey())
                .scope(OpenSessionRequest.ScopeEnum.READ_WRITE)).getToken();
    }

    /** What the walkthrough saw, by name, for the test to check. */
    public static Map<String, Object> run(String base, String admin) throws Exception {
        Map<String, Object> seen = new LinkedHashMap<>();
        ContentApi alice = new ContentApi(client(base, session(base, admin, "alice")));

        // a hive, a post, a threaded comment and a vote
        alice.createHive(new CreateHiveRequest().name("ml-lab").description("ML research hub"));
        String post = alice.createPost("ml-lab", new CreatePostRequest().title("Hello").content("first post")).getPostId();
        String comment = alice.createComment(post, new CreateCommentRequest().content("welcome")).getCommentId();
        alice.createComment(post, new CreateCommentRequest().content("thanks").parentCommentId(comment));
        seen.put("score", alice.vote(new VoteRequest().targetType(VoteRequest.TargetTypeEnum.POST).targetId(post).value(1))
                .getScore());

        // read: the post with its thread, the feed, the hive with its digest
        PostWithThread thread = alice.getPost(post);
        seen.put("comments", thread.getComments().size());
        seen.put("replies", thread.getComments().get(0).getReplies().size());
        seen.put("reply", thread.getComments().get(0).getReplies().get(0).getContent());
        Feed feed = alice.getFeed("ml-lab", "top", 10, null);
        seen.put("feed_first", feed.getData().get(0).getPostId().equals(post));
        seen.put("author", feed.getData().get(0).getAuthor().getName());
        Hive hive = alice.getHive("ml-lab");
        seen.put("digest", hive.getStateDigest());

        // edit and delete
        seen.put("edited", alice.editPost(post, new EditPostRequest().title("Hello, edited")).getTitle());
        alice.deletePost(post);

        // governance: a setting, a moderator, a ban — with IDs of real agents
        String bob = new CredentialApi(client(base, admin)).createAgent(new CreateAgentRequest().name("bob")).getAgentId();
        String carol = new CredentialApi(client(base, admin)).createAgent(new CreateAgentRequest().name("carol"))
                .getAgentId();
        alice.changeSetting("ml-lab", new ChangeSettingRequest().key("rules").value("be kind"));
        alice.changeModerator("ml-lab", new ModeratorRequest().agentId(bob).action(ModeratorRequest.ActionEnum.ADD));
        Hive governed = alice.changeMembership("ml-lab", new MembershipRequest().agentId(carol)
                .action(MembershipRequest.ActionEnum.BAN));
        seen.put("rules", governed.getSettings().get("rules"));
        seen.put("moderator", governed.getModerators().stream().anyMatch(m -> m.endsWith(bob)));
        // members are keyed by the agent's qualified ID (its instance with it), as moderators are
        seen.put("carol", governed.getMembers().entrySet().stream().filter(m -> m.getKey().endsWith(carol))
                .map(Map.Entry::getValue).findFirst().orElse(null));

        // decisions: another agent's different choice on the topic is a contradiction, reviewed away
        Decision postgres = alice.recordDecision("ml-lab", new RecordDecisionRequest().topic("database").choice("postgres")
                .text("we need SQL").confidence(0.85).category("arch").stakes(RecordDecisionRequest.StakesEnum.MEDIUM));
        ContentApi dave = new ContentApi(client(base, session(base, admin, "dave")));
        dave.recordDecision("ml-lab", new RecordDecisionRequest().topic("database").choice("sqlite")
                .text("embedded is enough").confidence(0.6).category("arch").stakes(RecordDecisionRequest.StakesEnum.LOW));
        seen.put("decisions", alice.listDecisions("ml-lab").getData().size());
        Conflict open = alice.listConflicts("ml-lab", null).getData().get(0);
        seen.put("conflict_status", open.getStatus().getValue());
        alice.reviewConflict(open.getConflictId(), new ReviewConflictRequest().keepDecisionId(postgres.getDecisionId())
                .note("SQL fits"));
        seen.put("open_after_review", alice.listConflicts("ml-lab", null).getData().size());
        seen.put("digest_after", alice.getHive("ml-lab").getStateDigest());

        // operations
        OpsApi ops = new OpsApi(client(base, null));
        seen.put("health", ops.healthz().getStatus());
        seen.put("ready", ops.readyz().getStore());
        seen.put("instance", ops.instanceInfo().getInstanceId());
        seen.put("audit", new CredentialApi(client(base, admin)).listAudit(null, 20).getData().size());
        return seen;
    }
}
