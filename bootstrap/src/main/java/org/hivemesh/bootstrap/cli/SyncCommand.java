package org.hivemesh.bootstrap.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.hivemesh.application.sync.port.in.GroupStatus;
import org.hivemesh.application.sync.port.in.PeerRoundUseCase;
import org.hivemesh.application.sync.port.in.SyncGroupsUseCase;
import org.hivemesh.application.sync.port.in.SyncPeersUseCase;
import org.hivemesh.application.sync.port.out.SyncStore.PeerRecord;
import org.hivemesh.bootstrap.wiring.HivemeshInstance;
import org.hivemesh.domain.peer.PeerCursor;
import org.hivemesh.domain.peer.SyncEndpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Contribute the local store's unshared events to a server, then catch up from it. "
                + "Safe to interrupt and rerun: both directions resume from durable cursors.")
final class SyncCommand implements Callable<Integer> {
    @Mixin
    LocalStore store;

    @Option(names = "--server", required = true, description = "the server's base URL")
    String server;

    @Option(names = {"-g", "--group"}, description = "hive to sync (repeatable; default: every hive already synced with it)")
    List<String> hives = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        String endpoint = SyncEndpoint.of(server).value();
        try (HivemeshInstance instance = store.open()) {
            SyncPeersUseCase admin = instance.service(SyncPeersUseCase.class);
            SyncGroupsUseCase groups = instance.service(SyncGroupsUseCase.class);
            PeerRecord peer = admin.peerByEndpoint(endpoint).orElseGet(() -> admin.addPeer(
                    new SyncPeersUseCase.AddPeerCommand(SyncEndpoint.of(endpoint).authority(), endpoint, hives,
                            "sync command")));
            List<String> wanted = new ArrayList<>(peer.sharedHives());
            hives.stream().filter(h -> !wanted.contains(h)).forEach(wanted::add);
            if (wanted.isEmpty()) {
                System.err.println("hivemesh sync: name a hive with --group the first time");
                return 2;
            }
            if (!wanted.equals(peer.sharedHives())) {
                admin.updatePeer(peer.peerId(), new SyncPeersUseCase.UpdatePeerCommand(Optional.empty(), Optional.empty(),
                        Optional.of(wanted)));
            }
            Progress progress = new Progress(admin, peer.peerId());
            progress.start();
            long started = System.nanoTime();
            PeerRoundUseCase.Round round;
            try {
                round = instance.service(PeerRoundUseCase.class).syncWith(peer.peerId());
            } finally {
                progress.stop();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("synced %s with %s: contributed %d, received %d, quarantined %d in %.1f s (%.0f events/s)%n",
                    String.join(", ", wanted), server, round.pushed(), round.pulled(), round.quarantined(), seconds,
                    round.moved() / Math.max(seconds, 0.001));
            for (String hive : wanted) {
                GroupStatus status = groups.group(groups.groupIdOf(hive));
                System.out.printf("  %s: %d events, digest %s%n", hive, status.eventCount(), status.stateDigest());
            }
            return 0;
        }
    }

    /** A progress bar on a terminal; a plain line every two seconds otherwise. */
    private static final class Progress {
        private final SyncPeersUseCase peers;
        private final String peerId;
        private final boolean terminal = System.console() != null;
        private final long start = System.nanoTime();
        private volatile boolean running = true;
        private Thread thread;

        Progress(SyncPeersUseCase peers, String peerId) {
            this.peers = peers;
            this.peerId = peerId;
        }

        void start() {
            thread = new Thread(() -> {
                while (running) {
                    try {
                        Thread.sleep(terminal ? 200 : 2000);
                    } catch (InterruptedException e) {
                        return;
                    }
                    print();
                }
            }, "hivemesh-sync-progress");
            thread.setDaemon(true);
            thread.start();
        }

        private void print() {
            long received = 0;
            long total = 0;
            long sent = 0;
            for (PeerCursor cursor : peers.cursors(peerId).values()) {
                received += cursor.received();
                total += Math.max(cursor.remote(), cursor.received());
                sent += cursor.sent();
            }
            double seconds = Math.max((System.nanoTime() - start) / 1e9, 0.001);
            if (terminal) {
                int width = 30;
                int filled = total == 0 ? 0 : (int) (width * Math.min(1.0, (double) received / total));
                System.err.printf("\r[%s%s] received %d/%d, contributed through seq %d, %.0f events/s   ",
                        "#".repeat(filled), " ".repeat(width - filled), received, total, sent, received / seconds);
            } else {
                System.err.printf("sync: received %d of %d, contributed through seq %d, %.0f events/s%n",
                        received, total, sent, received / seconds);
            }
        }

        void stop() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join();
            print();
            if (terminal) {
                System.err.println();
            }
        }
    }
}
