package org.hivemesh.application.fakes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.hivemesh.application.consent.port.in.ConsentProtocolUseCases;
import org.hivemesh.application.consent.port.in.RosterProtocolUseCase;
import org.hivemesh.application.consent.port.wire.ConsentJson;
import org.hivemesh.application.shared.port.in.HivemeshException;
import org.hivemesh.application.shared.port.out.StorageFull;
import org.hivemesh.application.sync.port.in.EventExchangeUseCase;
import org.hivemesh.application.sync.port.in.HandshakeUseCase;
import org.hivemesh.application.sync.port.in.HeartbeatUseCase;
import org.hivemesh.application.sync.port.in.PeerGroupUseCase;
import org.hivemesh.application.sync.port.in.SyncTokenAuthentication;
import org.hivemesh.application.sync.port.out.PeerTransport;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.application.sync.port.wire.EventPage;
import org.hivemesh.application.sync.port.wire.HandshakeReply;
import org.hivemesh.application.sync.port.wire.HandshakeRequest;
import org.hivemesh.application.sync.port.wire.Heartbeat;
import org.hivemesh.application.sync.port.wire.PushBatch;
import org.hivemesh.application.sync.port.wire.PushReply;
import org.hivemesh.application.sync.port.wire.RosterMessage;
import org.hivemesh.application.sync.port.wire.SyncWire;
import org.hivemesh.domain.event.Hlc;
import org.hivemesh.domain.event.Json;
import org.hivemesh.domain.event.JsonFieldException;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/**
 * The peer protocol without a network: a call goes straight to the inbound use cases of the instance listening at
 * the endpoint, routed as the HTTP adapter routes it. The caller is this transport's instance (what a verified
 * request signature proves), a group call needs the sync token issued to it, a call meant for another instance is
 * refused, and refusals come back as {@link PeerRefused} with the status of the API error format. Tests record the
 * calls, fail them, and rewrite what comes back to play a hostile peer.
 */
public final class InMemoryPeerTransport implements PeerTransport {
    /** The endpoints of one test and who answers at each; shared by the transports of its instances. */
    public static final class Network {
        private final Map<String, Listener> listeners = new ConcurrentHashMap<>();

        public void listen(String syncEndpoint, Listener listener) {
            listeners.put(syncEndpoint, listener);
        }

        /** Nothing answers there any more, as if the instance were down. */
        public void unplug(String syncEndpoint) {
            listeners.remove(syncEndpoint);
        }

        Listener at(String syncEndpoint) {
            Listener listener = listeners.get(syncEndpoint);
            if (listener == null) {
                throw new PeerUnavailable("nothing answers at " + syncEndpoint, null);
            }
            return listener;
        }
    }

    /** What an instance answers at its endpoint: who it is, and its inbound sync and consent use cases. */
    public record Listener(Identity identity, HandshakeUseCase handshake, SyncTokenAuthentication tokens,
                           EventExchangeUseCase exchange, PeerGroupUseCase groups, HeartbeatUseCase heartbeats,
                           ConsentProtocolUseCases consent, RosterProtocolUseCase roster) {
    }

    /**
     * One call as it left this instance. {@code since} and {@code limit} are a pull's, {@code events} the size of a
     * pushed batch; {@code groupId} is null for calls outside a group.
     */
    public record Call(String operation, String syncEndpoint, String groupId, long since, int limit, int events) {
        static Call of(String operation, String syncEndpoint, String groupId) {
            return new Call(operation, syncEndpoint, groupId, 0, 0, 0);
        }
    }

    private record Fault(Predicate<Call> when, RuntimeException failure, boolean delivered) {
    }

    private final Network network;
    private final String self;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<Fault> faults = new ArrayList<>();
    private final List<Consumer<Call>> observers = new CopyOnWriteArrayList<>();
    private volatile UnaryOperator<EventPage> pages = UnaryOperator.identity();
    private volatile UnaryOperator<HandshakeReply> handshakeReplies = UnaryOperator.identity();

    /** {@code self}: the instance every call of this transport comes from. */
    public InMemoryPeerTransport(Network network, String self) {
        this.network = network;
        this.self = self;
    }

    /** Every call made so far, in order, including those that failed. */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    public List<Call> calls(String operation) {
        return calls.stream().filter(c -> c.operation().equals(operation)).toList();
    }

    /** Runs before each call is delivered, e.g. to look at the caller's state at that moment. */
    public void beforeEachCall(Consumer<Call> observer) {
        observers.add(observer);
    }

    /** The next call that matches fails with {@code failure} before the callee sees it. */
    public synchronized void failNext(Predicate<Call> when, RuntimeException failure) {
        faults.add(new Fault(when, failure, false));
    }

    /** The next call that matches is delivered and done by the callee, but its reply is lost to {@code failure}. */
    public synchronized void loseNextReply(Predicate<Call> when, RuntimeException failure) {
        faults.add(new Fault(when, failure, true));
    }

    /** Pulled pages pass through {@code rewrite} on their way back: what a hostile or broken peer sends. */
    public void rewritePages(UnaryOperator<EventPage> rewrite) {
        this.pages = rewrite;
    }

    public void rewriteHandshakeReplies(UnaryOperator<HandshakeReply> rewrite) {
        this.handshakeReplies = rewrite;
    }

    @Override
    public Identity identify(String syncEndpoint) {
        return deliver(Call.of("identify", syncEndpoint, null), null, Listener::identity);
    }

    @Override
    public HandshakeReply handshake(PeerAddress to, HandshakeRequest request) {
        return handshakeReplies.apply(deliver(Call.of("handshake", to.syncEndpoint(), null), to.instanceId(),
                listener -> listener.handshake().accept(request, self)));
    }

    @Override
    public EventPage pull(PeerAddress to, String token, String groupId, long since, int limit, long unshared,
                          Optional<Hlc> ownAfter) {
        Call call = new Call("pull", to.syncEndpoint(), groupId, since, limit, 0);
        return pages.apply(deliver(call, to.instanceId(), listener ->
                listener.exchange().events(peer(listener, token), groupId, since, limit, unshared, ownAfter)));
    }

    @Override
    public PushReply push(PeerAddress to, String token, String groupId, PushBatch batch) {
        Call call = new Call("push", to.syncEndpoint(), groupId, 0, 0, batch.events().size());
        return deliver(call, to.instanceId(), listener -> listener.exchange().receive(peer(listener, token), groupId, batch));
    }

    @Override
    public Heartbeat heartbeat(PeerAddress to, String token, Heartbeat beat) {
        return deliver(Call.of("heartbeat", to.syncEndpoint(), null), to.instanceId(),
                listener -> listener.heartbeats().receive(peer(listener, token), beat));
    }

    @Override
    public void leave(PeerAddress to, String token, String groupId) {
        deliver(Call.of("leave", to.syncEndpoint(), groupId), to.instanceId(), listener -> {
            listener.groups().leave(peer(listener, token), groupId);
            return null;
        });
    }

    /** Consent messages cross as bytes and are read back as the HTTP routes read them. */
    @Override
    public void proposePlan(PeerAddress to, String token, String groupId, JsonObject plan) {
        deliver(Call.of("proposePlan", to.syncEndpoint(), groupId), to.instanceId(), listener -> {
            listener.consent().receiveProposal(peer(listener, token), groupId, ConsentJson.proposal(overTheWire(plan)));
            return null;
        });
    }

    @Override
    public void sendRoster(PeerAddress to, String token, String groupId, RosterMessage message) {
        JsonObject roster = overTheWire(SyncWire.toJson(message));
        deliver(Call.of("sendRoster", to.syncEndpoint(), groupId), to.instanceId(), listener -> {
            listener.roster().receiveRoster(peer(listener, token), groupId, SyncWire.roster(roster));
            return null;
        });
    }

    @Override
    public void sendApproval(PeerAddress to, String token, String groupId, JsonObject approval) {
        deliver(Call.of("sendApproval", to.syncEndpoint(), groupId), to.instanceId(), listener -> {
            listener.consent().receiveApproval(peer(listener, token), ConsentJson.approval(groupId, overTheWire(approval)));
            return null;
        });
    }

    private static JsonObject overTheWire(JsonObject body) {
        return Json.parseObject(body.canonical());
    }

    private PeerRecord peer(Listener listener, String token) {
        return listener.tokens().authenticate(token, self);
    }

    /** {@code destination}: the instance the call is meant for, as a signed request names it; null outside /sync/v1. */
    private <T> T deliver(Call call, String destination, Function<Listener, T> work) {
        calls.add(call);
        observers.forEach(o -> o.accept(call));
        Fault fault = takeFault(call);
        if (fault != null && !fault.delivered()) {
            throw fault.failure();
        }
        Listener listener = network.at(call.syncEndpoint());
        if (destination != null && !destination.equals(listener.identity().instanceId())) {
            throw new PeerRefused(401, "wrong_destination", "this request is meant for " + destination + ", not for "
                    + listener.identity().instanceId());
        }
        T result = answer(listener, work);
        if (fault != null) {
            throw fault.failure();
        }
        return result;
    }

    private synchronized Fault takeFault(Call call) {
        for (Fault fault : faults) {
            if (fault.when().test(call)) {
                faults.remove(fault);
                return fault;
            }
        }
        return null;
    }

    /** The callee's outcome as the HTTP adapter maps it: 4xx are refusals, 5xx leave the caller to retry. */
    private static <T> T answer(Listener listener, Function<Listener, T> work) {
        try {
            return work.apply(listener);
        } catch (HivemeshException e) {
            if (e.kind() == HivemeshException.Kind.LIMITED) {
                throw new PeerUnavailable("the peer answered 429: " + e.getMessage(), e);
            }
            throw new PeerRefused(status(e.kind()), e.code(), e.getMessage(), e.details());
        } catch (JsonFieldException e) {
            throw new PeerRefused(400, "invalid_field", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new PeerRefused(400, "invalid_request", e.getMessage());
        } catch (StorageFull e) {
            throw new PeerUnavailable("the peer answered 507: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new PeerUnavailable("the peer answered 500: " + e, e);
        }
    }

    private static int status(HivemeshException.Kind kind) {
        return switch (kind) {
            case INVALID -> 400;
            case UNAUTHENTICATED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case LIMITED -> 429;
        };
    }
}
