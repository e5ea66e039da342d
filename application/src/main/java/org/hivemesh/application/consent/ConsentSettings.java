package org.hivemesh.application.consent;

import java.time.Duration;

/**
 * {@code pruneAfter}: silence after which a member leaves a plan's round. Oversight is each group's policy
 * ({@code GroupOversight}).
 */
public record ConsentSettings(Duration pruneAfter) {
}
