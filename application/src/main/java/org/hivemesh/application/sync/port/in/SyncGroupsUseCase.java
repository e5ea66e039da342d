package org.hivemesh.application.sync.port.in;

import java.util.List;
import java.util.Optional;
import org.hivemesh.application.content.port.out.StoredEvent;
import org.hivemesh.domain.group.Consent;

/** Sync groups (admin token): sharing a hive, its status, its log. */
public interface SyncGroupsUseCase {
    GroupStatus createGroup(CreateGroupCommand command);

    List<GroupStatus> groups();

    GroupStatus group(String groupId);

    /** The hive and its events stay; the group stops syncing and every peer link to it is dropped. */
    void deleteGroup(String groupId);

    /** The merge method is locked while the group has peers; to change it, liberate. */
    GroupStatus changeMethod(String groupId, String method);

    /**
     * Changes the method, the oversight policy or both, all or nothing: a refused method or an invalid policy setting
     * changes neither.
     */
    GroupStatus changeGroup(String groupId, ChangeGroupCommand command);

    /** Sets both cursors with this peer back to 0: everything is offered and pulled again (duplicates are ignored). */
    void resync(String groupId, String peerId);

    List<StoredEvent> localEvents(String groupId, long since, int limit);

    InstanceStatus status();

    /** The group of a hive given by name, or a group ID as given if this instance holds it; 404 otherwise. */
    String groupIdOf(String hiveOrGroup);

    /** Cheap, unlike a full status: for progress and convergence checks. */
    long eventCount(String groupId);

    record CreateGroupCommand(String hiveName, Consent consent, Optional<String> method) {
    }

    record ChangeGroupCommand(Optional<String> method, Optional<OversightChange> oversight) {
    }
}
