package org.hivemesh.application.fakes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.hivemesh.application.shared.port.out.AuditLog;

public final class InMemoryAuditLog implements AuditLog {
    private final List<AuditRecord> records = new ArrayList<>();

    @Override
    public synchronized void record(AuditRecord record) {
        records.add(record);
    }

    @Override
    public synchronized List<AuditRecord> list(Optional<String> group, int limit) {
        return records.stream().filter(r -> group.isEmpty() || r.group().equals(group))
                .sorted(Comparator.comparing(AuditRecord::at).reversed()).limit(limit).toList();
    }
}
