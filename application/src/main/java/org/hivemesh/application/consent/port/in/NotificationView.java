package org.hivemesh.application.consent.port.in;

import java.time.Instant;

/** Something consent told a member, e.g. that it was pruned from a round for not answering. */
public record NotificationView(String id, String groupId, String recipient, String message, Instant createdAt) {
}
