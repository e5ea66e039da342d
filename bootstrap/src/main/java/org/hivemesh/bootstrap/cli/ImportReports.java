package org.hivemesh.bootstrap.cli;

import java.util.List;
import org.hivemesh.application.portability.port.in.PortabilityUseCases.ImportReport;
import org.hivemesh.application.portability.port.in.PortabilityUseCases.Rejection;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;

/** An import report as the server's import route writes it, so local and --server imports print the same. */
final class ImportReports {
    private ImportReports() {
    }

    static JsonObject toJson(ImportReport report) {
        return JsonObject.builder().put("group", report.groupId()).put("new", report.newEvents())
                .put("duplicate", report.duplicates()).put("deferred", report.deferred()).put("refused", report.refused())
                .put("flagged", report.flagged()).put("rejected", report.rejectedCount())
                .putArray("rejections", report.rejected().stream().map(r -> (JsonValue) JsonObject.builder()
                        .put("line", r.line()).put("reason", r.reason()).build()).toList()).build();
    }

    static ImportReport fromJson(JsonObject json) {
        List<Rejection> rejected = json.objects("rejections").stream()
                .map(r -> new Rejection((long) r.number("line"), r.string("reason"))).toList();
        return new ImportReport(json.string("group"), (long) json.number("new"), (long) json.number("duplicate"),
                (long) json.number("deferred"), (long) json.number("refused"), (long) json.number("flagged"),
                (long) json.number("rejected"), rejected);
    }
}
