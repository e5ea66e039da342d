package org.hivemesh.bootstrap.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import org.hivemesh.application.agents.port.in.Principal;
import org.hivemesh.application.content.port.in.ContentUseCases;
import org.hivemesh.application.content.port.in.HiveUseCases;
import org.hivemesh.bootstrap.wiring.HivemeshInstance;
import org.hivemesh.domain.event.JsonValue;
import org.hivemesh.domain.event.JsonValue.JsonObject;
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

    @Option(names = {"-g", "--group"}, description = GroupArgument.HELP)
    String group;

    @Option(names = "--json", description = "print the result as a JSON object ({\"decision_id\": …}) instead of text")
    boolean json;

    /** The hive -g names, resolved in the store or on the server written to. */
    private String hive;

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

    /** What a write gives back: printed as its value, or with --json as {field: value}. */
    record Written(String field, JsonValue value) {
        static Written id(String field, String id) {
            return new Written(field, JsonValue.of(id));
        }
    }

    interface Write {
        Written offline(ContentUseCases content, Principal agent);

        Written online(MeshClient client);
    }

    /** {@code needsHive}: the write goes into the hive -g names (a post or decision, not a comment or vote). */
    Integer run(boolean needsHive, Write write) {
        if (needsHive && group == null) {
            throw new IllegalArgumentException("name the hive to write into with -g <hive>");
        }
        Written written;
        if (offline) {
            try (HivemeshInstance instance = store.open()) {
                Principal agent = LocalStore.agent(instance, store.dataDir, agentName);
                if (needsHive) {
                    hive = localHive(instance, agent);
                }
                written = write.offline(instance.service(ContentUseCases.class), agent);
            }
        } else {
            if (server == null || apiKey == null) {
                throw new IllegalArgumentException("give --offline to write into the local store, or --server and "
                        + "--api-key (HIVEMESH_SERVER, HIVEMESH_API_KEY) to write through a server");
            }
            MeshClient client = new MeshClient(server.replaceAll("/+$", ""), "").loginWithKey(apiKey);
            if (needsHive) {
                hive = GroupArgument.resolve(group, GroupArgument.hives(client)).hiveName();
            }
            written = write.online(client);
        }
        System.out.println(json ? JsonObject.builder().put(written.field(), written.value()).build().canonical()
                : written.value() instanceof JsonValue.JsonString s ? s.value()
                : written.field() + " " + written.value().canonical());
        return 0;
    }

    /**
     * Offline first (F043): a hive this store does not know is created here, to be adopted into the server's hive of
     * that name on the first sync; a group ID must name a hive this store has.
     */
    private String localHive(HivemeshInstance instance, Principal agent) {
        try {
            return GroupArgument.local(group, instance).hiveName();
        } catch (IllegalArgumentException unknown) {
            if (group.startsWith("grp_")) {
                throw unknown;
            }
            instance.service(HiveUseCases.class).createHive(agent, new HiveUseCases.CreateHiveCommand(group, null));
            return group;
        }
    }

    @Override
    public Integer call() throws Exception {
        if (text == null || topic == null || choice == null) {
            throw new IllegalArgumentException("a decision needs -d <text>, --topic and --choice (or give a subcommand: "
                    + "post, comment, vote)");
        }
        return run(true, new Write() {
            public Written offline(ContentUseCases content, Principal agent) {
                return Written.id("decision_id", content.recordDecision(agent, new ContentUseCases.RecordDecisionCommand(
                        hive, topic, choice, text, confidence, category, Stakes.fromWire(stakes))).decisionId());
            }

            public Written online(MeshClient client) {
                return Written.id("decision_id", client.write("POST", "/api/v1/hives/" + hive + "/decisions",
                        String.format("{\"topic\":%s,\"choice\":%s,\"text\":%s,\"confidence\":%s,\"category\":%s,"
                                + "\"stakes\":%s}", quote(topic), quote(choice), quote(text), confidence, quote(category),
                                quote(stakes))).string("decision_id"));
            }
        });
    }

    static String quote(String text) {
        return JsonValue.of(text).canonical();
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
            return parent.run(true, new Write() {
                public Written offline(ContentUseCases use, Principal agent) {
                    return Written.id("post_id", use.createPost(agent, new ContentUseCases.CreatePostCommand(parent.hive,
                            title, Optional.ofNullable(content), Optional.ofNullable(url))).postId());
                }

                public Written online(MeshClient client) {
                    return Written.id("post_id", client.write("POST", "/api/v1/hives/" + parent.hive + "/posts",
                            "{\"title\":" + quote(title) + (content == null ? "" : ",\"content\":" + quote(content))
                            + (url == null ? "" : ",\"url\":" + quote(url)) + "}").string("post_id"));
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
            return parent.run(false, new Write() {
                public Written offline(ContentUseCases use, Principal agent) {
                    return Written.id("comment_id", use.comment(agent, new ContentUseCases.CommentCommand(postId, content,
                            Optional.ofNullable(parentComment))).commentId());
                }

                public Written online(MeshClient client) {
                    return Written.id("comment_id", client.write("POST", "/api/v1/posts/" + postId + "/comments",
                            "{\"content\":" + quote(content) + (parentComment == null ? ""
                                    : ",\"parent_comment_id\":" + quote(parentComment)) + "}").string("comment_id"));
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
            return parent.run(false, new Write() {
                public Written offline(ContentUseCases use, Principal agent) {
                    return new Written("score", JsonValue.of(use.vote(agent, new ContentUseCases.VoteCommand(
                            TargetType.fromWire(targetType), target, value))));
                }

                public Written online(MeshClient client) {
                    return new Written("score", JsonValue.of((long) client.write("POST", "/api/v1/votes",
                            "{\"target_type\":" + quote(targetType) + ",\"target_id\":" + quote(target) + ",\"value\":"
                            + value + "}").number("score")));
                }
            });
        }
    }
}
