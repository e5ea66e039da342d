package org.hivemesh.bootstrap.cli;

import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.hivemesh.application.agents.port.in.Principal;
import org.hivemesh.application.content.port.in.ContentUseCases;
import org.hivemesh.bootstrap.wiring.HivemeshInstance;
import org.hivemesh.domain.event.Stakes;
import org.hivemesh.domain.event.TargetType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "record", mixinStandardHelpOptions = true,
        description = "Record a decision (or with a subcommand a post, comment or vote) as a signed event: into the "
                + "local store with --offline, else through a server's API.",
        subcommands = {RecordCommand.Post.class, RecordCommand.Comment.class, RecordCommand.Vote.class})
final class RecordCommand implements Callable<Integer> {
    @Option(names = "--offline", description = "write into the local store; no server is contacted")
    boolean offline;

    @Mixin
    LocalStore store;

    @Option(names = "--server", defaultValue = "${env:HIVEMESH_SERVER}", description = "server URL (without --offline)")
    String server;

    @Option(names = "--api-key", defaultValue = "${env:HIVEMESH_API_KEY}", description = "agent API key (without --offline)")
    String apiKey;

    @Option(names = "--agent", defaultValue = "${env:USER:-offline}", description = "name of the local agent")
    String agentName;

    @Option(names = {"-g", "--group"}, description = "hive name")
    String hive;

    @Option(names = {"-d", "--decision"}, description = "decision text")
    String text;

    @Option(names = "--topic")
    String topic;

    @Option(names = "--choice")
    String choice;

    @Option(names = {"-f", "--confidence"}, defaultValue = "0.5")
    double confidence;

    @Option(names = {"-c", "--category"}, defaultValue = "general")
    String category;

    @Option(names = {"-s", "--stakes"}, defaultValue = "medium", description = "low, medium or high")
    String stakes;

    interface Write {
        String offline(ContentUseCases content, Principal agent);

        String online(MeshClient client);
    }

    Integer run(Write write) {
        if (offline) {
            try (HivemeshInstance instance = store.open()) {
                Principal agent = LocalStore.agent(instance, store.dataDir, agentName);
                System.out.println(write.offline(instance.service(ContentUseCases.class), agent));
            }
            return 0;
        }
        if (server == null || apiKey == null) {
            System.err.println("hivemesh record: give --offline, or --server and --api-key (HIVEMESH_SERVER, HIVEMESH_API_KEY)");
            return 2;
        }
        MeshClient client = new MeshClient(server.replaceAll("/+$", ""), "").loginWithKey(apiKey);
        System.out.println(write.online(client));
        return 0;
    }

    private void requireHive() {
        if (hive == null) {
            throw new IllegalArgumentException("-g <hive> is required");
        }
    }

    @Override
    public Integer call() throws Exception {
        requireHive();
        if (text == null || topic == null || choice == null) {
            System.err.println("hivemesh record: a decision needs -d <text>, --topic and --choice");
            return 2;
        }
        if (!Files.isDirectory(store.dataDir) && offline) {
            Files.createDirectories(store.dataDir);
        }
        return run(new Write() {
            public String offline(ContentUseCases content, Principal agent) {
                return content.recordDecision(agent, new ContentUseCases.RecordDecisionCommand(hive, topic, choice, text,
                        confidence, category, Stakes.fromWire(stakes))).decisionId();
            }

            public String online(MeshClient client) {
                return client.write("POST", "/api/v1/hives/" + hive + "/decisions", String.format(
                        "{\"topic\":%s,\"choice\":%s,\"text\":%s,\"confidence\":%s,\"category\":%s,\"stakes\":%s}",
                        quote(topic), quote(choice), quote(text), confidence, quote(category), quote(stakes)))
                        .string("decision_id");
            }
        });
    }

    static String quote(String text) {
        return org.hivemesh.domain.event.JsonValue.of(text).canonical();
    }

    @Command(name = "post", mixinStandardHelpOptions = true, description = "Record a post.")
    static final class Post implements Callable<Integer> {
        @ParentCommand
        RecordCommand parent;

        @Option(names = "--title", required = true)
        String title;

        @Option(names = "--content")
        String content;

        @Option(names = "--url")
        String url;

        @Override
        public Integer call() {
            parent.requireHive();
            return parent.run(new Write() {
                public String offline(ContentUseCases use, Principal agent) {
                    return use.createPost(agent, new ContentUseCases.CreatePostCommand(parent.hive, title,
                            Optional.ofNullable(content), Optional.ofNullable(url))).postId();
                }

                public String online(MeshClient client) {
                    return client.write("POST", "/api/v1/hives/" + parent.hive + "/posts", "{\"title\":" + quote(title)
                            + (content == null ? "" : ",\"content\":" + quote(content))
                            + (url == null ? "" : ",\"url\":" + quote(url)) + "}").string("post_id");
                }
            });
        }
    }

    @Command(name = "comment", mixinStandardHelpOptions = true, description = "Record a comment on a post.")
    static final class Comment implements Callable<Integer> {
        @ParentCommand
        RecordCommand parent;

        @Option(names = "--post", required = true)
        String postId;

        @Option(names = "--content", required = true)
        String content;

        @Option(names = "--parent")
        String parentComment;

        @Override
        public Integer call() {
            return parent.run(new Write() {
                public String offline(ContentUseCases use, Principal agent) {
                    return use.comment(agent, new ContentUseCases.CommentCommand(postId, content,
                            Optional.ofNullable(parentComment))).commentId();
                }

                public String online(MeshClient client) {
                    return client.write("POST", "/api/v1/posts/" + postId + "/comments", "{\"content\":" + quote(content)
                            + (parentComment == null ? "" : ",\"parent_comment_id\":" + quote(parentComment)) + "}")
                            .string("comment_id");
                }
            });
        }
    }

    @Command(name = "vote", mixinStandardHelpOptions = true, description = "Vote 1, -1, or 0 to remove a vote.")
    static final class Vote implements Callable<Integer> {
        @ParentCommand
        RecordCommand parent;

        @Option(names = "--target-type", defaultValue = "post", description = "post or comment")
        String targetType;

        @Option(names = "--target", required = true)
        String target;

        @Option(names = "--value", defaultValue = "1")
        int value;

        @Override
        public Integer call() {
            return parent.run(new Write() {
                public String offline(ContentUseCases use, Principal agent) {
                    return "score " + use.vote(agent, new ContentUseCases.VoteCommand(TargetType.fromWire(targetType),
                            target, value));
                }

                public String online(MeshClient client) {
                    return "score " + (long) client.write("POST", "/api/v1/votes", "{\"target_type\":" + quote(targetType)
                            + ",\"target_id\":" + quote(target) + ",\"value\":" + value + "}").number("score");
                }
            });
        }
    }
}
