package org.hivemesh.application.portability.port.in;

import org.hivemesh.application.portability.port.in.PortabilityUseCases.ImportReport;

/**
 * Federation with adoption (F043): the other instance's hive of this name is an independently created one (another
 * lineage). {@code pull}: its events are verified and re-issued into the local hive, as {@code import --adopt} does.
 * {@code push}: the local hive's events are re-issued into the other's group and pushed there. Either way what the
 * receiving group holds already by content is a duplicate, and nothing standing remains afterwards.
 */
public interface AdoptingFederationUseCase {
    ImportReport federateAdopting(String syncEndpoint, String hiveName, boolean push);
}
