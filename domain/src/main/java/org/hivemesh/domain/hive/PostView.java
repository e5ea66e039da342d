package org.hivemesh.domain.hive;

import java.util.Optional;
import org.hivemesh.domain.event.AgentRef;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/** A post as readers see it; local and remote posts look alike. */
public record PostView(String postId, AgentRef author, String originInstanceId, Hlc createdHlc, String title,
                       Optional<String> content, Optional<String> url, int score, int commentCount) {

    /** Empty unless the post has been created and is not deleted. */
    public static Optional<PostView> of(Entity post, int score, int commentCount) {
        if (!post.isCreated() || post.isDeleted()) {
            return Optional.empty();
        }
        JsonObject created = post.created().get();
        return Optional.of(new PostView(post.key().id(), AgentRef.fromJson(created.object("author")),
                created.string("origin"), Hlc.parse(created.string("hlc")), text(post, "title").orElse(""),
                text(post, "content"), text(post, "url"), score, commentCount));
    }

    static Optional<String> text(Entity entity, String field) {
        return entity.field(field).map(r -> r.value())
                .filter(JsonValue.JsonString.class::isInstance)
                .map(v -> ((JsonValue.JsonString) v).value());
    }
}
