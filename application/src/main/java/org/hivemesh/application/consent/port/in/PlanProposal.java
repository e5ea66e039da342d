package org.hivemesh.application.consent.port.in;

import org.hivemesh.domain.consent.PlanSummary;

/** A join plan the owner of a governed group sends to each roster member for its approval. */
public record PlanProposal(String planId, String joiner, PlanSummary summary) {
}
