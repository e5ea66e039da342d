package org.hivemesh.application.portability.port.in;

import java.io.InputStream;
import org.hivemesh.application.portability.port.in.PortabilityUseCases.ImportReport;

/**
 * Import with adoption (F043): a JSONL export of an independently created hive — another lineage — merged into
 * this group. Its events are verified as on any import, then re-issued into the group by this instance, keeping
 * authors and HLCs; creations already here by content count as duplicates. Adopting the same file again adds nothing.
 */
public interface AdoptionUseCase {
    ImportReport adoptLines(InputStream jsonl, String intoGroup);
}
