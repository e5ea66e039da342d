package org.hivemesh.domain.consent;

/** An entity an incoming event would change though it is already there, and the rule that decides it. */
public record PlanConflict(String entity, String eventId, String rule) {
}
