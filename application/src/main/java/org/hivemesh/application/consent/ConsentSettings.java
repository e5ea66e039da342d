package org.hivemesh.application.consent;

import java.time.Duration;

/** {@code pruneAfter}: silence after which a member leaves a plan's round; {@code oversightOnJoin}: every join waits for an admin. */
public record ConsentSettings(Duration pruneAfter, boolean oversightOnJoin) {
}
