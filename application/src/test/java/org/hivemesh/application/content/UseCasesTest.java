package org.hivemesh.application.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.hivemesh.application.agents.port.in.AgentUseCases;
import org.hivemesh.application.agents.port.in.Principal;
import org.hivemesh.application.agents.port.in.Scope;
import org.hivemesh.application.content.port.in.ContentUseCases;
import org.hivemesh.application.content.port.in.HiveUseCases;
import org.hivemesh.application.content.port.out.StoredEvent;
import org.hivemesh.application.fakes.TestApplication;
import org.hivemesh.application.shared.Secrets;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.MembershipAction;
import org.hivemesh.domain.event.ModeratorAction;
import org.hivemesh.domain.event.TargetType;
import org.hivemesh.domain.hive.PostView;
import org.junit.jupiter.api.Test;

class UseCasesTest {
    private final TestApplication app = new TestApplication();
    private final Principal alice = app.agent("alice", Scope.READ_WRITE);

    private PostView postIn(String hive, Principal author) {
        return app.content.createPost(author, new ContentUseCases.CreatePostCommand(hive, "hello", Optional.of("body"), Optional.empty()));
    }

    @Test
    void sessionsExpireAfterEightHoursAndAreNotRenewed() {
        AgentUseCases.CreatedAgent bob = app.agents.createAgent(new AgentUseCases.CreateAgentCommand("bob"));
        String token = app.agents.openSession(new AgentUseCases.OpenSessionCommand(bob.apiKey(), Scope.READ)).token();

        app.clock.advance(Duration.ofHours(8).minusSeconds(1));
        assertThat(app.agents.authenticate(token).agent().agentId()).isEqualTo(bob.agentId());
        app.clock.advance(Duration.ofSeconds(1));

        assertThatThrownBy(() -> app.agents.authenticate(token)).isInstanceOfSatisfying(HivemeshException.class,
                e -> assertThat(e.code()).isEqualTo("token_expired"));
    }

    @Test
    void onlyHashesOfKeysAndTokensAreStored() {
        AgentUseCases.CreatedAgent bob = app.agents.createAgent(new AgentUseCases.CreateAgentCommand("bob"));
        String token = app.agents.openSession(new AgentUseCases.OpenSessionCommand(bob.apiKey(), Scope.READ)).token();

        assertThat(app.stores.credentials().agentById(bob.agentId()).orElseThrow().apiKeyHash())
                .isEqualTo(Secrets.hash(bob.apiKey())).isNotEqualTo(bob.apiKey());
        assertThat(app.stores.credentials().sessionByTokenHash(Secrets.hash(token))).isPresent();
        assertThat(app.stores.credentials().sessionByTokenHash(token)).isEmpty();
    }

    @Test
    void aReadSessionCannotWriteAndNothingIsStored() {
        Principal reader = app.agent("reader", Scope.READ);

        assertThatThrownBy(() -> app.hives.createHive(reader, new HiveUseCases.CreateHiveCommand("lab", null)))
                .isInstanceOfSatisfying(HivemeshException.class, e -> assertThat(e.kind()).isEqualTo(HivemeshException.Kind.FORBIDDEN));
        assertThat(app.stores.hives().all()).isEmpty();
    }

    @Test
    void localEventsAreSignedByThisInstanceAndAuthoredByTheSessionsAgent() {
        var hive = app.hives.createHive(alice, new HiveUseCases.CreateHiveCommand("lab", "a lab"));
        postIn("lab", alice);

        var log = app.stores.events().read(hive.groupId(), 0, 10);
        assertThat(log).extracting(s -> s.event().type().wireName())
                .containsExactly("membership_changed", "hive_setting_changed", "post_created");
        for (StoredEvent stored : log) {
            assertThat(stored.event().origin()).isEqualTo(app.identity.instanceId());
            assertThat(app.signatures.verify(app.identity.publicKey(), stored.event().body().canonicalBytes(),
                    HexFormat.of().parseHex(stored.event().signature()))).isTrue();
        }
        var created = (EventPayload.PostCreated) log.get(2).event().payload();
        assertThat(created.author()).isEqualTo(alice.agent());
    }

    @Test
    void onlyTheAuthorOrAModeratorMayEditOrDelete() {
        app.hives.createHive(alice, new HiveUseCases.CreateHiveCommand("lab", null));
        Principal bob = app.agent("bob", Scope.READ_WRITE);
        PostView post = postIn("lab", bob);
        Principal mallory = app.agent("mallory", Scope.READ_WRITE);

        assertThatThrownBy(() -> app.content.editPost(mallory, new ContentUseCases.EditPostCommand(post.postId(),
                Optional.of("pwned"), Optional.empty(), Optional.empty()))).isInstanceOf(HivemeshException.class);
        PostView edited = app.content.editPost(bob, new ContentUseCases.EditPostCommand(post.postId(),
                Optional.of("better"), Optional.empty(), Optional.empty()));
        app.content.deletePost(alice, post.postId());

        assertThat(edited.title()).isEqualTo("better");
        assertThatThrownBy(() -> app.reads.post(alice, post.postId())).isInstanceOfSatisfying(HivemeshException.class,
                e -> assertThat(e.code()).isEqualTo("post_not_found"));
    }

    @Test
    void aBannedAgentCannotPost() {
        app.hives.createHive(alice, new HiveUseCases.CreateHiveCommand("lab", null));
        Principal bob = app.agent("bob", Scope.READ_WRITE);
        app.hives.changeMembership(alice, new HiveUseCases.ChangeMembershipCommand("lab", bob.agent().agentId(),
                MembershipAction.BAN, Optional.empty(), Optional.empty()));
        long before = app.stores.events().count(app.stores.hives().byName("lab").orElseThrow().groupId());

        assertThatThrownBy(() -> postIn("lab", bob)).hasMessageContaining("banned");
        assertThat(app.stores.events().count(app.stores.hives().byName("lab").orElseThrow().groupId())).isEqualTo(before);
        assertThat(app.reads.hive(alice, "lab").members()).containsEntry(bob.agent().key(), "banned");
    }

    @Test
    void votesCountOncePerVoterAndZeroRemovesThem() {
        app.hives.createHive(alice, new HiveUseCases.CreateHiveCommand("lab", null));
        PostView post = postIn("lab", alice);
        Principal bob = app.agent("bob", Scope.READ_WRITE);

        app.content.vote(alice, new ContentUseCases.VoteCommand(TargetType.POST, post.postId(), 1));
        app.content.vote(bob, new ContentUseCases.VoteCommand(TargetType.POST, post.postId(), 1));
        assertThat(app.content.vote(bob, new ContentUseCases.VoteCommand(TargetType.POST, post.postId(), -1))).isZero();
        assertThat(app.content.vote(alice, new ContentUseCases.VoteCommand(TargetType.POST, post.postId(), 0))).isEqualTo(-1);
    }

    @Test
    void aUniquePrefixOfEightHexDigitsResolvesAndEventsCarryTheFullId() {
        app.hives.createHive(alice, new HiveUseCases.CreateHiveCommand("lab", null));
        PostView post = postIn("lab", alice);
        String prefix = post.postId().substring(0, "post_".length() + 8);

        var comment = app.content.comment(alice, new ContentUseCases.CommentCommand(prefix, "by prefix", Optional.empty()));

        assertThat(app.reads.post(alice, prefix).post().postId()).isEqualTo(post.postId());
        assertThat(comment.postId()).isEqualTo(post.postId());
        assertThatThrownBy(() -> app.reads.post(alice, post.postId().substring(0, "post_".length() + 7)))
                .isInstanceOfSatisfying(HivemeshException.class, e -> assertThat(e.code()).isEqualTo("post_not_found"));
    }

    @Test
    void aDuplicateHiveNameIsAConflict() {
        app.hives.createHive(alice, new HiveUseCases.CreateHiveCommand("lab", null));

        assertThatThrownBy(() -> app.hives.createHive(alice, new HiveUseCases.CreateHiveCommand("lab", null)))
                .isInstanceOfSatisfying(HivemeshException.class, e -> assertThat(e.code()).isEqualTo("hive_exists"));
        assertThat(app.stores.hives().all()).hasSize(1);
    }

    @Test
    void onlyAnAgentTheAdminGrantedItOpensExecuteSessionsAndAWithdrawnGrantEndsThem() {
        AgentUseCases.CreatedAgent bob = app.agents.createAgent(new AgentUseCases.CreateAgentCommand("bob"));

        assertThatThrownBy(() -> app.agents.openSession(new AgentUseCases.OpenSessionCommand(bob.apiKey(), Scope.EXECUTE)))
                .isInstanceOfSatisfying(HivemeshException.class, e -> assertThat(e.code()).isEqualTo("execute_not_granted"));
        assertThat(app.stores.credentials().liveSessions(bob.agentId(), app.clock.now())).isZero();

        assertThat(app.agents.grantExecute(bob.agentId(), true).mayExecute()).isTrue();
        String token = app.agents.openSession(new AgentUseCases.OpenSessionCommand(bob.apiKey(), Scope.EXECUTE)).token();
        assertThat(app.agents.authenticate(token).scope()).isEqualTo(Scope.EXECUTE);

        app.agents.grantExecute(bob.agentId(), false);
        assertThat(app.agents.authenticate(token).scope()).isEqualTo(Scope.READ_WRITE);
        assertThat(app.agents.agents()).filteredOn(a -> a.agentId().equals(bob.agentId())).singleElement()
                .satisfies(a -> assertThat(a.mayExecute()).isFalse());
    }

    @Test
    void anAgentHoldsAtMostItsCapOfLiveSessions() {
        AgentUseCases.CreatedAgent bob = app.agents.createAgent(new AgentUseCases.CreateAgentCommand("bob"));
        for (int i = 0; i < 20; i++) {
            app.agents.openSession(new AgentUseCases.OpenSessionCommand(bob.apiKey(), Scope.READ));
        }

        assertThatThrownBy(() -> app.agents.openSession(new AgentUseCases.OpenSessionCommand(bob.apiKey(), Scope.READ)))
                .isInstanceOfSatisfying(HivemeshException.class, e -> {
                    assertThat(e.kind()).isEqualTo(HivemeshException.Kind.LIMITED);
                    assertThat(e.code()).isEqualTo("too_many_sessions");
                });
        assertThat(app.stores.credentials().liveSessions(bob.agentId(), app.clock.now())).isEqualTo(20);

        app.clock.advance(Duration.ofHours(8));
        assertThat(app.agents.openSession(new AgentUseCases.OpenSessionCommand(bob.apiKey(), Scope.READ)).token()).isNotBlank();
    }

    @Test
    void aLocalWriteWithoutAuthorityIsRefusedWithItsRuleAndStoresNothing() {
        app.hives.createHive(alice, new HiveUseCases.CreateHiveCommand("lab", null));
        Principal bob = app.agent("bob", Scope.READ_WRITE);
        PostView post = postIn("lab", alice);
        String group = app.stores.hives().byName("lab").orElseThrow().groupId();
        long before = app.stores.events().count(group);

        assertThatThrownBy(() -> app.content.editPost(bob, new ContentUseCases.EditPostCommand(post.postId(),
                Optional.of("mine now"), Optional.empty(), Optional.empty())))
                .isInstanceOfSatisfying(HivemeshException.class, e -> {
                    assertThat(e.kind()).isEqualTo(HivemeshException.Kind.FORBIDDEN);
                    assertThat(e.getMessage()).contains("not_author_moderator_or_owner");
                });
        assertThatThrownBy(() -> app.hives.changeSetting(bob, new HiveUseCases.ChangeSettingCommand("lab", "rules",
                org.hivemesh.domain.event.JsonValue.of("none")))).hasMessageContaining("not_owner_or_moderator");
        assertThatThrownBy(() -> app.hives.changeModerator(bob, new HiveUseCases.ChangeModeratorCommand("lab",
                bob.agent().agentId(), ModeratorAction.ADD, Optional.empty(), Optional.empty())))
                .hasMessageContaining("not_owner");
        assertThat(app.stores.events().count(group)).isEqualTo(before);
        assertThat(app.stores.state().refusedCount(group)).isZero();
    }

    @Test
    void theOwnerModeratesAnAgentOfAnotherInstance() {
        app.hives.createHive(alice, new HiveUseCases.CreateHiveCommand("lab", null));

        app.hives.changeMembership(alice, new HiveUseCases.ChangeMembershipCommand("lab", "agt_remote",
                MembershipAction.BAN, Optional.of("inst_elsewhere"), Optional.of("spammer")));

        assertThat(app.reads.hive(alice, "lab").members()).containsEntry("inst_elsewhere/agt_remote", "banned");
    }
}
