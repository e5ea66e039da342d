package org.hivemesh.application.consent.port.in;

import java.util.List;
import org.hivemesh.domain.consent.MergePlan;

/** The merge plans of a governed group and this instance's answers to them. */
public interface MergePlansUseCase {
    /** With the passage of time applied: expired windows, members pruned for silence. */
    List<MergePlan> plans(String groupId);

    /** This instance's approval; for a plan awaiting oversight, the admin's oversight decision. */
    MergePlan approve(String planId);

    MergePlan reject(String planId);
}
