package org.hivemesh.bootstrap.wiring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scrape of /metrics read as the Prometheus text format: families with their HELP and TYPE lines, and samples
 * with their labels. {@link #problems()} lists what a scraper would complain about.
 */
final class PrometheusText {
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    record Family(String name, String help, String type) {
    }

    record Sample(String name, Map<String, String> labels, double value) {
    }

    final Map<String, Family> families = new LinkedHashMap<>();
    final List<Sample> samples = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    PrometheusText(String text) {
        Map<String, String> help = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# HELP ")) {
                String[] parts = line.substring(7).split(" ", 2);
                help.put(parts[0], parts.length > 1 ? parts[1] : "");
            } else if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).split(" ", 2);
                families.put(parts[0], new Family(parts[0], help.getOrDefault(parts[0], null), parts[1]));
            } else if (!line.isBlank() && !line.startsWith("#")) {
                Matcher m = SAMPLE.matcher(line);
                if (!m.matches()) {
                    problems.add("unreadable line: " + line);
                    continue;
                }
                Map<String, String> labels = new LinkedHashMap<>();
                if (m.group(3) != null) {
                    Matcher l = LABEL.matcher(m.group(3));
                    while (l.find()) {
                        labels.put(l.group(1), l.group(2));
                    }
                }
                samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
            }
        }
        families.values().forEach(f -> {
            if (f.help() == null || f.help().isBlank()) {
                problems.add(f.name() + " has no help text");
            }
        });
        samples.forEach(s -> {
            if (family(s.name()) == null) {
                problems.add(s.name() + " has no TYPE line");
            }
        });
    }

    /** The family a sample belongs to: its own name, or a histogram's or summary's name for its parts. */
    Family family(String sampleName) {
        Family exact = families.get(sampleName);
        if (exact != null) {
            return exact;
        }
        for (String suffix : List.of("_bucket", "_count", "_sum")) {
            if (sampleName.endsWith(suffix)) {
                Family base = families.get(sampleName.substring(0, sampleName.length() - suffix.length()));
                if (base != null && (base.type().equals("histogram") || base.type().equals("summary"))) {
                    return base;
                }
            }
        }
        return null;
    }

    List<String> problems() {
        return problems;
    }

    List<Sample> samples(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** Runs {@code promtool} (Debian's prometheus package) with the arguments and {@code stdin}; returns exit code and output. */
    static Promtool promtool(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("hivemesh.promtool", "promtool"));
        command.addAll(List.of(args));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("promtool is needed for this test: install Debian's prometheus package "
                    + "(scripts/test does) or set -Dhivemesh.promtool=/path/to/promtool", e);
        }
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("promtool did not finish within 60 s");
        }
        return new Promtool(process.exitValue(), output);
    }

    record Promtool(int exitCode, String output) {
    }

    static Path docs() {
        return Path.of(System.getProperty("hivemesh.docs", "../docs"));
    }
}
