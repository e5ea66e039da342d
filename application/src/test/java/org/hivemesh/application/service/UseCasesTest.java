package org.hivemesh.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import org.hivemesh.application.fakes.TestApplication;
import org.hivemesh.application.port.in.AgentUseCases;
import org.hivemesh.application.port.in.ContentUseCases;
import org.hivemesh.application.port.in.HiveUseCases;
import org.hivemesh.application.port.in.HivemeshException;
import org.hivemesh.application.port.in.Principal;
import org.hivemesh.application.port.in.Scope;
import org.hivemesh.application.port.out.StoredEvent;
import org.hivemesh.domain.event.EventPayload;
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
                EventPayload.MembershipAction.BAN, Optional.empty(), Optional.empty()));
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

        app.content.vote(alice, new ContentUseCases.VoteCommand(EventPayload.TargetType.POST, post.postId(), 1));
        app.content.vote(bob, new ContentUseCases.VoteCommand(EventPayload.TargetType.POST, post.postId(), 1));
        assertThat(app.content.vote(bob, new ContentUseCases.VoteCommand(EventPayload.TargetType.POST, post.postId(), -1))).isZero();
        assertThat(app.content.vote(alice, new ContentUseCases.VoteCommand(EventPayload.TargetType.POST, post.postId(), 0))).isEqualTo(-1);
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
}
