package org.hivemesh.domain.hive;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Threads comments by parent; a reply whose parent is not known yet waits at the top level. */
public final class CommentTree {
    private CommentTree() {
    }

    public static List<CommentView> build(List<Entity> comments, Map<String, Integer> scores) {
        Map<String, Entity> byId = new HashMap<>();
        comments.forEach(c -> byId.put(c.key().id(), c));
        Map<String, List<Entity>> children = new HashMap<>();
        List<Entity> roots = new ArrayList<>();
        for (Entity c : comments) {
            Optional<String> parent = c.created().get().optionalString("parent_comment_id").filter(byId::containsKey);
            if (parent.isPresent()) {
                children.computeIfAbsent(parent.get(), p -> new ArrayList<>()).add(c);
            } else {
                roots.add(c);
            }
        }
        return views(roots, children, scores);
    }

    private static List<CommentView> views(List<Entity> level, Map<String, List<Entity>> children,
                                           Map<String, Integer> scores) {
        List<CommentView> out = new ArrayList<>();
        for (Entity c : level) {
            List<CommentView> replies = views(children.getOrDefault(c.key().id(), List.of()), children, scores);
            CommentView.of(c, scores.getOrDefault("comment:" + c.key().id(), 0), replies).ifPresent(out::add);
        }
        out.sort(Comparator.comparing(CommentView::createdHlc).thenComparing(CommentView::commentId));
        return out;
    }
}
