package org.hivemesh.application.sync.port.in;

import java.util.List;

public record InstanceStatus(String instanceId, List<GroupStatus> groups) {
}
