package org.hivemesh.application.content;

import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hivemesh.application.agents.port.in.Principal;
import org.hivemesh.application.agents.port.in.Scope;
import org.hivemesh.application.content.port.in.ReadUseCases;
import org.hivemesh.application.content.port.out.EventStore;
import org.hivemesh.application.content.port.out.HiveReads;
import org.hivemesh.application.content.port.out.HiveRecord;
import org.hivemesh.application.content.port.out.HiveStore;
import org.hivemesh.application.content.port.out.StateStore;
import org.hivemesh.application.content.port.out.StateStore.FeedOrder;
import org.hivemesh.application.content.port.out.StateStore.FeedPage;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.domain.hive.Contradiction;
import org.hivemesh.domain.hive.DecisionLinks;
import org.hivemesh.domain.hive.DecisionView;
import org.hivemesh.domain.hive.Entity;
import org.hivemesh.domain.hive.EntityKind;
import org.hivemesh.domain.hive.HiveState;

public final class ReadService implements ReadUseCases {
    public static final int MAX_PAGE = 100;

    private final HiveStore hives;
    private final HiveAccess access;
    private final StateStore state;
    private final EventStore events;

    private final HiveReads reads;

    @Inject
    public ReadService(HiveStore hives, HiveAccess access, StateStore state, EventStore events, HiveReads reads) {
        this.reads = reads;
        this.hives = hives;
        this.access = access;
        this.state = state;
        this.events = events;
    }

    @Override
    public List<HiveSummary> hives(Principal principal) {
        principal.require(Scope.READ);
        return hives.all().stream().map(this::summary).collect(Collectors.toList());
    }

    @Override
    public HiveSummary hive(Principal principal, String name) {
        principal.require(Scope.READ);
        HiveRecord hive = access.hive(name);
        reads.read(hive.groupId());
        return summary(hive);
    }

    private HiveSummary summary(HiveRecord hive) {
        String group = hive.groupId();
        List<Entity> claims = new ArrayList<>();
        for (EntityKind kind : List.of(EntityKind.SETTING, EntityKind.MEMBER, EntityKind.MODERATOR)) {
            claims.addAll(state.entities(group, kind));
        }
        HiveState view = HiveState.of(claims);
        return new HiveSummary(hive, view.settings(), view.members(), view.moderators(), events.count(group),
                state.stateDigest(group));
    }

    @Override
    public FeedPage feed(Principal principal, String hiveName, FeedOrder order, int limit, Optional<String> cursor) {
        principal.require(Scope.READ);
        if (limit < 1 || limit > MAX_PAGE) {
            throw HivemeshException.invalid("limit must be between 1 and " + MAX_PAGE);
        }
        String group = access.hive(hiveName).groupId();
        reads.read(group);
        return state.feed(group, order, limit, cursor);
    }

    @Override
    public PostWithThread post(Principal principal, String postId) {
        principal.require(Scope.READ);
        HiveAccess.Located located = access.locate(EntityKind.POST, postId);
        reads.read(located.hive().groupId());
        String id = located.entity().key().id();
        HiveState view = state.postWithThread(located.hive().groupId(), id);
        return view.post(id)
                .map(p -> new PostWithThread(located.hive().name(), p, view.thread(id)))
                .orElseThrow(() -> HivemeshException.notFound("post", postId));
    }

    @Override
    public List<DecisionView> decisions(Principal principal, String hiveName) {
        principal.require(Scope.READ);
        String group = access.hive(hiveName).groupId();
        return DecisionLinks.views(state.entities(group, EntityKind.DECISION), state.entities(group, EntityKind.REVIEW));
    }

    @Override
    public List<Contradiction> conflicts(Principal principal, String hiveName, boolean includeResolved) {
        principal.require(Scope.READ);
        String group = access.hive(hiveName).groupId();
        return DecisionLinks.contradictions(state.entities(group, EntityKind.DECISION),
                        state.entities(group, EntityKind.REVIEW)).stream()
                .filter(c -> includeResolved || !c.resolved())
                .collect(Collectors.toList());
    }
}
