package org.hivemesh.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.hivemesh.application.agents.port.out.Credentials.AgentRecord;
import org.hivemesh.application.agents.port.out.Credentials.SessionRecord;
import org.hivemesh.application.content.port.out.AppendResult;
import org.hivemesh.application.content.port.out.HiveRecord;
import org.hivemesh.application.content.port.out.StateStore.FeedOrder;
import org.hivemesh.application.content.port.out.StateStore.FeedPage;
import org.hivemesh.application.content.port.out.StoredEvent;
import org.hivemesh.application.shared.port.out.AuditLog.AuditRecord;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.Event;
import org.hivemesh.domain.event.EventPayload;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.ModeratorAction;
import org.hivemesh.domain.event.TargetType;
import org.hivemesh.domain.hive.AuthorityRule;
import org.hivemesh.domain.hive.EntityKey;
import org.hivemesh.domain.hive.EntityKind;
import org.hivemesh.domain.hive.HiveOwner;
import org.hivemesh.domain.hive.HiveRules;
import org.hivemesh.domain.hive.HiveState;
import org.hivemesh.domain.hive.PostView;
import org.hivemesh.domain.hive.Refusal;
import org.hivemesh.domain.testing.Events;
import org.hivemesh.domain.testing.HistoryGenerator;
import org.hivemesh.domain.testing.Intruders;
import org.junit.jupiter.api.Test;

/**
 * The one contract every storage backend passes: the in-memory fakes, SQLite and PostgreSQL.
 * Each test works in groups and names of its own, so backends need no cleaning between tests.
 */
public abstract class StoreContract {
    private static final HiveOwner OWNER = HistoryGenerator.owner();

    /** The same backend for every call within one test class. */
    protected abstract Stores stores();

    protected static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private AppendResult store(String group, List<Event> events) {
        Stores s = stores();
        return s.transactions().inTransaction(() -> {
            AppendResult result = s.events().append(group, events);
            s.state().apply(group, OWNER, result.newEvents());
            return result;
        });
    }

    private static Event post(String group, String title, long wall) {
        return Events.event(group, "inst_a", new Hlc(wall, 0), new EventPayload.PostCreated(title, Optional.empty(),
                Optional.empty(), Events.agent("inst_a", "alice")));
    }

    @Property(tries = 12)
    void materializingAnyOrderOfAnEventSetGivesTheDomainProjectionsDigest(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 120) int size, @ForAll long shuffleSeed) {
        String group = unique("grp_p");
        List<Event> history = new ArrayList<>(HistoryGenerator.generate(seed, size, group));
        history.addAll(Intruders.against(history, seed, 1 + size / 8).stream().map(e -> Events.event(group, e.origin(),
                e.hlc(), e.payload())).toList());
        Random random = new Random(shuffleSeed);
        List<Event> delivered = new ArrayList<>(history);
        for (int i = 0; i < size / 4; i++) {
            delivered.add(history.get(random.nextInt(history.size())));
        }
        Collections.shuffle(delivered, random);

        int at = 0;
        while (at < delivered.size()) {
            int batch = 1 + random.nextInt(20);
            store(group, delivered.subList(at, Math.min(delivered.size(), at + batch)));
            at += batch;
        }

        HiveState expected = HiveState.project(OWNER, history);
        assertThat(stores().state().stateDigest(group)).isEqualTo(expected.stateDigest());
        assertThat(stores().events().count(group)).isEqualTo(new HashSet<>(history).size());
        assertThat(stores().state().refusedCount(group)).isEqualTo(expected.refusals().size());
        assertThat(stores().state().refused(group, 1000)).extracting(r -> r.event().id() + " " + r.rule())
                .containsExactlyInAnyOrderElementsOf(expected.refusals().stream()
                        .map(r -> r.eventId() + " " + r.rule()).toList());
    }

    /** Local writes of one commit group are checked together; each must get the answer it would get alone, in turn. */
    @Property(tries = 8)
    void checkingNewEventsTogetherAnswersAsCheckingEachAfterStoringTheOnesBefore(
            @ForAll long seed, @ForAll @IntRange(min = 2, max = 80) int size, @ForAll @IntRange(min = 0, max = 100) int percentStored) {
        String group = unique("grp_q");
        List<Event> history = HistoryGenerator.generate(seed, size, group);
        int stored = history.size() * percentStored / 100;
        store(group, history.subList(0, stored));
        List<Event> asked = history.subList(stored, history.size());
        String digest = stores().state().stateDigest(group);

        List<Optional<AuthorityRule>> together = stores().transactions()
                .inTransaction(() -> stores().state().refusalsOf(group, OWNER, asked));

        assertThat(stores().state().stateDigest(group)).isEqualTo(digest);
        assertThat(stores().events().count(group)).isEqualTo(stored);
        List<Optional<AuthorityRule>> oneByOne = new ArrayList<>();
        for (Event event : asked) {
            Optional<AuthorityRule> refusal = stores().transactions()
                    .inTransaction(() -> stores().state().refusalOf(group, OWNER, event));
            oneByOne.add(refusal);
            if (refusal.isEmpty()) {
                store(group, List.of(event));
            }
        }
        assertThat(together).isEqualTo(oneByOne);
    }

    @Test
    void decisionsAreReadByTopicAndReviewsByConflictId() {
        String group = unique("grp_topic");
        AgentRef alice = Events.agent("inst_a", "alice");
        AgentRef bob = Events.agent("inst_b", "bob");
        Event postgres = Events.event(group, "inst_a", new Hlc(7000, 0), new EventPayload.DecisionRecorded("database",
                "postgres", "SQL", 0.9, "arch", org.hivemesh.domain.event.Stakes.HIGH, alice));
        Event mongo = Events.event(group, "inst_b", new Hlc(7001, 0), new EventPayload.DecisionRecorded("database",
                "mongo", "documents", 0.6, "arch", org.hivemesh.domain.event.Stakes.HIGH, bob));
        Event queue = Events.event(group, "inst_b", new Hlc(7002, 0), new EventPayload.DecisionRecorded("queue",
                "kafka", "logs", 0.5, "arch", org.hivemesh.domain.event.Stakes.LOW, bob));
        String conflictId = org.hivemesh.domain.hive.Contradiction.idFor(HiveRules.decisionId(postgres), HiveRules.decisionId(mongo));
        Event review = Events.event(group, "inst_a", new Hlc(7003, 0), new EventPayload.DecisionReviewed(conflictId,
                HiveRules.decisionId(postgres), "kept", alice));
        store(group, List.of(queue, mongo, postgres, review));

        List<String> database = stores().transactions().inTransaction(() -> stores().state()
                .decisionsOnTopic(group, "database").stream().map(d -> d.key().id()).toList());
        List<String> reviews = stores().transactions().inTransaction(() -> stores().state()
                .entities(group, EntityKind.REVIEW, java.util.stream.Stream.concat(java.util.stream.IntStream.range(0, 700)
                        .mapToObj(i -> "cfl_" + i), java.util.stream.Stream.of(conflictId, conflictId)).toList())
                .stream().map(r -> r.key().id()).toList());

        assertThat(database).containsExactlyElementsOf(List.of(HiveRules.decisionId(postgres), HiveRules.decisionId(mongo))
                .stream().sorted().toList());
        assertThat(reviews).as("across chunks of the IN list, once").containsExactly(conflictId);
        assertThat(stores().state().entities(unique("grp_other"), EntityKind.REVIEW, List.of(conflictId))).isEmpty();
        assertThat(stores().state().decisionsOnTopic(group, "cache")).isEmpty();
        assertThat(stores().state().decisionsOnTopic(unique("grp_other"), "database")).isEmpty();
        assertThat(stores().state().entities(group, EntityKind.DECISION, List.of(HiveRules.decisionId(queue))))
                .singleElement().satisfies(d -> assertThat(d.created().orElseThrow().string("topic")).isEqualTo("queue"));
    }

    @Test
    void eventsCheckedTogetherSeeTheGovernanceAndCreationsBeforeThem() {
        String group = unique("grp_together");
        AgentRef owner = new AgentRef(OWNER.instanceId(), OWNER.agentId(), "owner");
        AgentRef carol = Events.agent("inst_c", "carol");
        AgentRef dave = Events.agent("inst_d", "dave");
        Event post = Events.event(group, "inst_c", new Hlc(6000, 0), new EventPayload.PostCreated("carol's",
                Optional.empty(), Optional.empty(), carol));
        String postId = HiveRules.postId(post);
        Event carolEdits = Events.event(group, "inst_c", new Hlc(6001, 0), new EventPayload.PostUpdated(postId,
                Optional.of("by carol"), Optional.empty(), Optional.empty(), carol));
        Event daveEdits = Events.event(group, "inst_d", new Hlc(6002, 0), new EventPayload.PostUpdated(postId,
                Optional.of("by dave"), Optional.empty(), Optional.empty(), dave));
        Event ban = Events.event(group, OWNER.instanceId(), new Hlc(6003, 0),
                new EventPayload.MembershipChanged(carol, org.hivemesh.domain.event.MembershipAction.BAN, owner));
        Event carolPostsAgain = Events.event(group, "inst_c", new Hlc(6004, 0), new EventPayload.PostCreated("again",
                Optional.empty(), Optional.empty(), carol));
        String digest = stores().state().stateDigest(group);

        List<Optional<AuthorityRule>> refusals = stores().transactions().inTransaction(() -> stores().state()
                .refusalsOf(group, OWNER, List.of(carolEdits, post, carolEdits, daveEdits, ban, carolPostsAgain)));

        assertThat(refusals).containsExactly(Optional.of(AuthorityRule.UNKNOWN_TARGET), Optional.empty(), Optional.empty(),
                Optional.of(AuthorityRule.NOT_AUTHOR_MODERATOR_OR_OWNER), Optional.empty(), Optional.of(AuthorityRule.BANNED));
        assertThat(stores().state().stateDigest(group)).isEqualTo(digest);
        assertThat(stores().events().count(group)).isZero();
    }

    @Test
    void anEventWithoutAuthorityIsKeptWithItsRuleAndChangesNothingUntilTheGrantArrives() {
        String group = unique("grp_auth");
        AgentRef owner = new AgentRef(OWNER.instanceId(), OWNER.agentId(), "owner");
        AgentRef carol = Events.agent("inst_c", "carol");
        Event post = post(group, "alice's post", 5000);
        String postId = HiveRules.postId(post);
        Event edit = Events.event(group, "inst_c", new Hlc(5002, 0), new EventPayload.PostUpdated(postId,
                Optional.of("edited by carol"), Optional.empty(), Optional.empty(), carol));
        Event grant = Events.event(group, OWNER.instanceId(), new Hlc(5001, 0),
                new EventPayload.ModeratorChanged(carol, ModeratorAction.ADD, owner));
        store(group, List.of(post));
        String before = stores().state().stateDigest(group);

        assertThat(stores().state().refusalOf(group, OWNER, edit)).contains(AuthorityRule.NOT_AUTHOR_MODERATOR_OR_OWNER);
        List<Refusal> refused = stores().transactions().inTransaction(() -> {
            stores().events().append(group, List.of(edit));
            return stores().state().apply(group, OWNER, List.of(edit));
        });

        assertThat(refused).extracting(Refusal::rule).containsExactly(AuthorityRule.NOT_AUTHOR_MODERATOR_OR_OWNER);
        assertThat(stores().state().stateDigest(group)).isEqualTo(before);
        assertThat(stores().state().refused(group, 10)).singleElement().satisfies(r -> {
            assertThat(r.event()).isEqualTo(edit);
            assertThat(r.rule()).isEqualTo(AuthorityRule.NOT_AUTHOR_MODERATOR_OR_OWNER);
        });

        store(group, List.of(grant));

        assertThat(stores().state().refused(group, 10)).isEmpty();
        assertThat(stores().state().postWithThread(group, postId).post(postId).orElseThrow().title())
                .isEqualTo("edited by carol");
        assertThat(stores().state().refusalOf(group, OWNER, edit)).isEmpty();
    }

    @Test
    void appendIsIdempotentAndNumbersEachGroupFromOne() {
        String group = unique("grp_a");
        String other = unique("grp_b");
        List<Event> batch = List.of(post(group, "one", 1000), post(group, "two", 1001), post(group, "three", 1002));

        AppendResult first = store(group, batch);
        AppendResult again = store(group, List.of(batch.get(1), batch.get(0), post(group, "four", 1003)));
        store(other, List.of(post(other, "elsewhere", 1000)));

        assertThat(first.stored()).extracting(StoredEvent::seq).containsExactly(1L, 2L, 3L);
        assertThat(again.duplicates()).isEqualTo(2);
        assertThat(again.stored()).extracting(StoredEvent::seq).containsExactly(4L);
        assertThat(stores().events().currentSeq(group)).isEqualTo(4);
        assertThat(stores().events().currentSeq(other)).isEqualTo(1);
        assertThat(stores().events().find(group, batch.get(2).id())).map(StoredEvent::event).contains(batch.get(2));
        assertThat(stores().events().find(other, batch.get(2).id())).isEmpty();
    }

    @Test
    void readPagesFromACursorAndEventsRoundTripExactly() {
        String group = unique("grp_r");
        List<Event> batch = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            batch.add(post(group, "post " + i, 2000 + i));
        }
        store(group, batch);

        List<StoredEvent> page1 = stores().events().read(group, 0, 3);
        List<StoredEvent> page2 = stores().events().read(group, page1.get(2).seq(), 10);

        assertThat(page1).extracting(StoredEvent::event).containsExactlyElementsOf(batch.subList(0, 3));
        assertThat(page2).extracting(StoredEvent::event).containsExactlyElementsOf(batch.subList(3, 7));
        assertThat(stores().events().read(group, 7, 10)).isEmpty();
        assertThat(stores().events().maxHlc()).hasValueSatisfying(h -> assertThat(h).isGreaterThanOrEqualTo(new Hlc(2006, 0)));
        assertThat(stores().events().latestOf(group, batch.get(0).origin())).contains(new Hlc(2006, 0));
        assertThat(stores().events().latestOf(group, "inst_nobody")).isEmpty();
        assertThat(stores().events().latestOf(unique("grp_none"), batch.get(0).origin())).isEmpty();
    }

    @Test
    void feedPagesInNewAndTopOrderAndThreadsCarryTheirComments() {
        String group = unique("grp_f");
        Event older = post(group, "older", 3000);
        Event newer = post(group, "newer", 3001);
        Event deleted = post(group, "deleted", 3002);
        String olderId = HiveRules.postId(older);
        Event vote = Events.event(group, "inst_b", new Hlc(3003, 0), new EventPayload.VoteCast(
                TargetType.POST, olderId, Events.agent("inst_b", "bob"), 1));
        Event delete = Events.event(group, "inst_a", new Hlc(3004, 0), new EventPayload.PostDeleted(
                HiveRules.postId(deleted), Events.agent("inst_a", "alice"), Optional.empty()));
        Event comment = Events.event(group, "inst_b", new Hlc(3005, 0), new EventPayload.CommentCreated(olderId,
                Optional.empty(), "nice", Events.agent("inst_b", "bob")));
        store(group, List.of(older, newer, deleted, vote, delete, comment));

        FeedPage newest = stores().state().feed(group, FeedOrder.NEW, 1, Optional.empty());
        FeedPage rest = stores().state().feed(group, FeedOrder.NEW, 1, newest.nextPosition());
        FeedPage top = stores().state().feed(group, FeedOrder.TOP, 10, Optional.empty());

        assertThat(newest.posts()).extracting(PostView::title).containsExactly("newer");
        assertThat(rest.posts()).extracting(PostView::title).containsExactly("older");
        assertThat(rest.nextPosition()).isEmpty();
        assertThat(top.posts()).extracting(PostView::title).containsExactly("older", "newer");
        assertThat(top.posts().get(0).score()).isEqualTo(1);
        assertThat(top.posts().get(0).commentCount()).isEqualTo(1);

        HiveState thread = stores().state().postWithThread(group, olderId);
        assertThat(thread.thread(olderId)).singleElement().satisfies(c -> assertThat(c.content()).contains("nice"));
        assertThat(stores().state().groupOf(EntityKind.POST, olderId)).contains(group);
        assertThat(stores().state().entity(group, new EntityKey(EntityKind.POST, HiveRules.postId(deleted))))
                .hasValueSatisfying(e -> assertThat(e.isDeleted()).isTrue());
    }

    @Test
    void idsAreFoundByPrefix() {
        String group = unique("grp_x");
        Event one = post(group, "one", 4000);
        Event two = post(group, "two", 4001);
        store(group, List.of(one, two));
        String id = HiveRules.postId(one);

        assertThat(stores().state().idsWithPrefix(EntityKind.POST, id.substring(0, 13), 2)).containsExactly(id);
        assertThat(stores().state().idsWithPrefix(EntityKind.POST, "post_", 2)).hasSize(2);
        assertThat(stores().state().idsWithPrefix(EntityKind.COMMENT, id.substring(0, 13), 2)).isEmpty();
    }

    @Test
    void hivesHaveUniqueNames() {
        String name = unique("hive");
        HiveRecord hive = new HiveRecord(name, unique("grp_h"), "inst_a", "agt_1", Instant.now().truncatedTo(ChronoUnit.MILLIS));

        assertThat(stores().hives().create(hive)).isTrue();
        assertThat(stores().hives().create(new HiveRecord(name, unique("grp_h"), "inst_b", "agt_2", hive.createdAt()))).isFalse();
        assertThat(stores().hives().byName(name)).contains(hive);
        assertThat(stores().hives().byGroup(hive.groupId())).contains(hive);
        assertThat(stores().hives().all()).contains(hive);
    }

    @Test
    void aHiveReadsAsItsLastMove() {
        String name = unique("hive");
        HiveRecord hive = new HiveRecord(name, unique("grp_h"), "inst_a", "agt_1", Instant.now().truncatedTo(ChronoUnit.MILLIS));
        stores().hives().create(hive);
        assertThat(stores().hives().byName(name)).contains(hive);
        assertThat(stores().hives().byGroup(hive.groupId())).contains(hive);

        String moved = unique("grp_m");
        stores().hives().moveToGroup(name, moved, "inst_b");
        HiveRecord afterMove = new HiveRecord(name, moved, "inst_b", "agt_1", hive.createdAt());
        assertThat(stores().hives().byName(name)).contains(afterMove);
        assertThat(stores().hives().byGroup(moved)).contains(afterMove);
        assertThat(stores().hives().byGroup(hive.groupId())).isEmpty();

        HiveRecord adopted = new HiveRecord(name, unique("grp_r"), "inst_c", "agt_3", hive.createdAt());
        stores().hives().rehome(adopted);
        assertThat(stores().hives().byName(name)).contains(adopted);
        assertThat(stores().hives().byGroup(adopted.groupId())).contains(adopted);
        assertThat(stores().hives().byGroup(moved)).isEmpty();
    }

    @Test
    void agentsAndSessionsAreFoundByTheHashesOfTheirSecrets() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        AgentRecord agent = new AgentRecord(unique("agt_"), "alice", unique("keyhash"), now, false);
        SessionRecord session = new SessionRecord(unique("tokenhash"), agent.agentId(), "read-write", now, now.plusSeconds(60));

        stores().transactions().inTransaction(() -> {
            stores().credentials().createAgent(agent);
            stores().credentials().createSession(session);
            return null;
        });

        assertThat(stores().credentials().agentByApiKeyHash(agent.apiKeyHash())).contains(agent);
        assertThat(stores().credentials().agentById(agent.agentId())).contains(agent);
        assertThat(stores().credentials().sessionByTokenHash(session.tokenHash())).contains(session);
        assertThat(stores().credentials().sessionByTokenHash("unknown")).isEmpty();
        assertThat(stores().credentials().liveSessions(agent.agentId(), now)).isEqualTo(1);
        assertThat(stores().credentials().liveSessions(agent.agentId(), now.plusSeconds(61))).isZero();
    }

    @Test
    void theAdminGrantsAndWithdrawsTheRightToExecute() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        AgentRecord agent = new AgentRecord(unique("agt_"), "bob", unique("keyhash"), now, false);
        stores().transactions().inTransaction(() -> {
            stores().credentials().createAgent(agent);
            return null;
        });

        assertThat(stores().credentials().grantExecute(agent.agentId(), true)).isTrue();
        assertThat(stores().credentials().agentById(agent.agentId())).hasValueSatisfying(a -> assertThat(a.mayExecute()).isTrue());
        assertThat(stores().credentials().agents()).extracting(AgentRecord::agentId).contains(agent.agentId());
        assertThat(stores().credentials().grantExecute(agent.agentId(), false)).isTrue();
        assertThat(stores().credentials().agentById(agent.agentId())).hasValueSatisfying(a -> assertThat(a.mayExecute()).isFalse());
        assertThat(stores().credentials().grantExecute(unique("agt_"), true)).isFalse();
    }

    @Test
    void auditRecordsListNewestFirstAndFilterByGroup() {
        String group = unique("grp_audit");
        Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        AuditRecord first = new AuditRecord(unique("aud_"), t, "hive_created", Optional.of(group), "admin",
                JsonValue.JsonObject.builder().put("n", 1).build());
        AuditRecord second = new AuditRecord(unique("aud_"), t.plusSeconds(1), "merge", Optional.of(group), "admin",
                JsonValue.JsonObject.builder().put("n", 2).build());
        stores().audit().record(first);
        stores().audit().record(second);

        assertThat(stores().audit().list(Optional.of(group), 10)).containsExactly(second, first);
        assertThat(stores().audit().list(Optional.of(group), 1)).containsExactly(second);
    }

    @Test
    void theFirstStoredIdentityStays() {
        InstanceIdentity first = new InstanceIdentity("inst_first", new byte[] {1}, new byte[] {2});
        InstanceIdentity stored = stores().identity().saveIfAbsent(first);
        InstanceIdentity second = stores().identity().saveIfAbsent(new InstanceIdentity("inst_second", new byte[] {3}, new byte[] {4}));

        assertThat(second.instanceId()).isEqualTo(stored.instanceId());
        assertThat(stores().identity().load()).hasValueSatisfying(i -> assertThat(i.instanceId()).isEqualTo(stored.instanceId()));
    }
}
