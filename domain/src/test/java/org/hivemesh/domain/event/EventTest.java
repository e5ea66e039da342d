package org.hivemesh.domain.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.hivemesh.domain.testing.Events;
import org.junit.jupiter.api.Test;

class EventTest {
    private final AgentRef alice = Events.agent("inst_a", "alice");

    @Test
    void idIsTheSha256OfTheCanonicalUnsignedEvent() {
        Event event = Events.event("inst_a", 1_000, new EventPayload.PostCreated("Hello", Optional.empty(), Optional.empty(), alice));

        String canonical = "{\"group\":\"grp_test\",\"hlc\":\"0000000001000.00000\",\"origin\":\"inst_a\","
                + "\"payload\":{\"author\":{\"agent_id\":\"agt_alice\",\"instance_id\":\"inst_a\",\"name\":\"alice\"},"
                + "\"title\":\"Hello\"},\"type\":\"post_created\"}";
        assertThat(event.id().value()).isEqualTo("ev_" + EventId.sha256Hex(canonical));
        assertThat(event.id().display()).hasSize(15).startsWith("ev_");
    }

    @Test
    void wireFormRoundTrips() {
        Event event = Events.event("inst_b", 42, new EventPayload.DecisionRecorded("db", "postgres", "we need SQL", 0.85,
                "arch", Stakes.MEDIUM, alice));

        Event parsed = Event.fromJson(Json.parseObject(event.toJson().canonical()));

        assertThat(parsed).isEqualTo(event);
    }

    @Test
    void anAlteredPayloadNoLongerMatchesItsId() {
        Event event = Events.event("inst_a", 1_000, new EventPayload.PostCreated("Hello", Optional.empty(), Optional.empty(), alice));
        String tampered = event.toJson().canonical().replace("\"Hello\"", "\"Hullo\"");

        assertThatThrownBy(() -> Event.fromJson(Json.parseObject(tampered)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not match its content");
    }

    @Test
    void payloadsValidateTheirFields() {
        assertThatThrownBy(() -> new EventPayload.VoteCast(TargetType.POST, "post_1", alice, 2))
                .hasMessageContaining("vote value");
        assertThatThrownBy(() -> new EventPayload.PostCreated(" ", Optional.empty(), Optional.empty(), alice))
                .hasMessageContaining("title");
        assertThatThrownBy(() -> new EventPayload.PostUpdated("post_1", Optional.empty(), Optional.empty(), Optional.empty(), alice))
                .hasMessageContaining("must change");
        assertThatThrownBy(() -> EventPayload.fromJson(EventType.VOTE_CAST, Json.parseObject(
                "{\"target_type\":\"post\",\"target_id\":\"p\",\"voter\":{\"instance_id\":\"i\",\"agent_id\":\"a\",\"name\":\"n\"},\"value\":\"up\"}")))
                .isInstanceOf(JsonFieldException.class).hasMessageContaining("value");
    }
}
