package org.hivemesh.bootstrap.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.ProvidesIntoSet;
import java.util.Set;
import org.hivemesh.adapters.http.HttpRoutes;
import org.hivemesh.adapters.http.HttpServer;
import org.hivemesh.adapters.http.admin.CredentialRoutes;
import org.hivemesh.adapters.http.console.ConsoleRoutes;
import org.hivemesh.adapters.http.content.ContentRoutes;
import org.hivemesh.adapters.http.content.HiveStreams;
import org.hivemesh.adapters.http.content.StreamRoutes;
import org.hivemesh.adapters.http.ops.HttpMetrics;
import org.hivemesh.adapters.http.ops.OpsRoutes;
import org.hivemesh.adapters.persistence.jooq.Database;
import org.hivemesh.application.agents.port.in.AgentUseCases;
import org.hivemesh.application.content.port.in.ContentUseCases;
import org.hivemesh.application.content.port.in.HiveUseCases;
import org.hivemesh.application.content.port.in.ReadUseCases;
import org.hivemesh.application.content.port.out.EventStore;
import org.hivemesh.application.shared.port.in.AdminAuthentication;
import org.hivemesh.application.shared.port.out.AuditLog;
import org.hivemesh.application.shared.port.out.InstanceIdentity;
import org.hivemesh.bootstrap.config.HivemeshConfig;
import org.hivemesh.bootstrap.config.TlsMaterial;

/** The HTTP server and its route groups, collected through a multibinder. */
public final class HttpModule extends AbstractModule {
    @Provides
    @Singleton
    HttpMetrics metrics(HivemeshConfig config) {
        return new HttpMetrics().watchDisk(config.dataDir().toFile());
    }

    @Provides
    @Singleton
    BoundAddress boundAddress(HivemeshConfig config) {
        return new BoundAddress(config);
    }

    @Provides
    @Singleton
    HttpServer server(HivemeshConfig config, TlsMaterial tls, Set<HttpRoutes> routes, HttpMetrics metrics) {
        return new HttpServer(new HttpServer.Settings(config.host(), config.port(), config.maxBodyBytes(),
                HttpServer.Settings.DEFAULT_MAX_IMPORT, HttpServer.Settings.DEFAULT_IDLE_TIMEOUT,
                Version.VALUE, tls.listener()),
                routes, metrics);
    }

    @ProvidesIntoSet
    HttpRoutes credentials(AgentUseCases agents, AdminAuthentication admin, AuditLog audit, HivemeshConfig config) {
        return new CredentialRoutes(agents, admin, audit, config.trust().loginFailures());
    }

    @ProvidesIntoSet
    HttpRoutes content(AgentUseCases agents, HiveUseCases hives, ContentUseCases content, ReadUseCases reads) {
        return new ContentRoutes(agents, hives, content, reads);
    }

    @Provides
    @Singleton
    HiveStreams streams(EventStore events, HttpMetrics metrics, HivemeshConfig config) {
        return new HiveStreams(events, new HiveStreams.Settings(config.streamBuffer(),
                HiveStreams.Settings.DEFAULT.keepAlive()), metrics);
    }

    @ProvidesIntoSet
    HttpRoutes stream(AgentUseCases agents, ReadUseCases reads, EventStore events, HiveStreams streams) {
        return new StreamRoutes(agents, reads, events, streams);
    }

    @ProvidesIntoSet
    HttpRoutes console() {
        return new ConsoleRoutes();
    }

    @ProvidesIntoSet
    HttpRoutes operations(InstanceIdentity identity, BoundAddress address, Database database, HttpMetrics metrics) {
        return new OpsRoutes(new OpsRoutes.InstanceInfo(identity.instanceId(), identity.publicKeyHex(), Version.VALUE),
                address::syncEndpoint, database::writeProblem, metrics);
    }
}
