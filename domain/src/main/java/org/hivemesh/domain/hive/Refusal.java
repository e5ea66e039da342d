package org.hivemesh.domain.hive;

import org.hivemesh.domain.event.EventId;

/** An event that is kept but has no effect, and the authority rule that refused it. */
public record Refusal(EventId eventId, EntityKey entity, AuthorityRule rule) {
}
