package org.hivemesh.application.sync.port.out;

import java.util.List;
import org.hivemesh.application.content.port.out.HiveRecord;
import org.hivemesh.domain.event.Event;

/**
 * Which verified events of a batch merge now. In a governed group a batch that fires an oversight trigger is held
 * in a merge plan until an admin decides; open groups merge everything.
 */
public interface MergeGate {
    List<Event> mergeNow(HiveRecord hive, String peerId, List<Event> verified);

    /**
     * Called on every sync round with a group: a held batch whose approval round time completed (its silent members
     * pruned, everyone left having approved) merges then, without waiting for anyone to look at the plan.
     */
    void settleDue(String groupId);
}
