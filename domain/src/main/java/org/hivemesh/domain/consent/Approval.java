package org.hivemesh.domain.consent;

import java.nio.charset.StandardCharsets;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/** A roster member's answer to a merge plan, signed by the member's instance and sent to the group's owner. */
public record Approval(String groupId, String planId, String member, boolean approved, String signatureHex) {
    /** The canonical bytes a member signs: which group and plan, who, and the answer. */
    public static byte[] signingBytes(String groupId, String planId, String member, boolean approved) {
        return JsonObject.builder().put("group", groupId).put("plan_id", planId).put("member", member)
                .put("approved", approved).build().canonical().getBytes(StandardCharsets.UTF_8);
    }

    public byte[] signingBytes() {
        return signingBytes(groupId, planId, member, approved);
    }
}
