package org.hivemesh.application.agents;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.hivemesh.application.agents.port.out.Credentials.AgentRecord;
import org.hivemesh.application.agents.port.out.Credentials.SessionRecord;

/**
 * Sessions and agents as every authenticated request reads them, kept in memory so a request does not spend two
 * database reads on its token. A session row never changes once written (it only expires, which is checked on every
 * use), so it is kept as read; an agent's execute grant can change, so {@link #agentChanged} drops it, and a read that
 * raced with the change is not kept. Only rows that exist are kept: an unknown token is looked up every time.
 */
final class CredentialCache {
    /** Past this many entries a map starts again: enough for every live session of a busy instance. */
    private static final int MAX_ENTRIES = 10_000;

    private final Map<String, SessionRecord> sessions = new ConcurrentHashMap<>();
    private final Map<String, AgentRecord> agents = new ConcurrentHashMap<>();
    private long agentChanges;

    Optional<SessionRecord> session(String tokenHash, Supplier<Optional<SessionRecord>> read) {
        SessionRecord known = sessions.get(tokenHash);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<SessionRecord> found = read.get();
        found.ifPresent(s -> put(sessions, tokenHash, s));
        return found;
    }

    Optional<AgentRecord> agent(String agentId, Supplier<Optional<AgentRecord>> read) {
        AgentRecord known = agents.get(agentId);
        if (known != null) {
            return Optional.of(known);
        }
        long before;
        synchronized (this) {
            before = agentChanges;
        }
        Optional<AgentRecord> found = read.get();
        synchronized (this) {
            if (found.isPresent() && before == agentChanges) {
                put(agents, agentId, found.get());
            }
        }
        return found;
    }

    /** After an agent's row changed (committed): the next request reads it again. */
    synchronized void agentChanged(String agentId) {
        agentChanges++;
        agents.remove(agentId);
    }

    private static <V> void put(Map<String, V> map, String key, V value) {
        if (map.size() >= MAX_ENTRIES) {
            map.clear();
        }
        map.put(key, value);
    }
}
