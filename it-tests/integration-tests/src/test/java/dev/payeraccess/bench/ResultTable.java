package dev.payeraccess.bench;

import java.util.ArrayList;
import java.util.List;

/** The benchmark's answer: one row per metric, direct next to proxy, with the goal and whether it was met. */
final class ResultTable {

    enum Verdict { PASS, MISS, INFO }

    private record Row(String metric, String direct, String proxy, String comparison, String goal, Verdict verdict) {
        List<String> cells() {
            return List.of(metric, direct, proxy, comparison, goal, verdict == Verdict.INFO ? "-" : verdict.name());
        }
    }

    private static final List<String> HEADER = List.of("metric", "direct", "proxy", "ratio/added", "goal", "result");

    private final List<Row> rows = new ArrayList<>();

    /** A row with a goal; {@code met} decides PASS or MISS. */
    void goal(String metric, String direct, String proxy, String comparison, String goal, boolean met) {
        rows.add(new Row(metric, direct, proxy, comparison, goal, met ? Verdict.PASS : Verdict.MISS));
    }

    /** A row that only informs. */
    void info(String metric, String direct, String proxy, String comparison) {
        rows.add(new Row(metric, direct, proxy, comparison, "", Verdict.INFO));
    }

    /** The metrics in the order they were added, as the first column shows them (trimmed). */
    List<String> metrics() {
        return rows.stream().map(r -> r.metric().strip()).toList();
    }

    /** The metrics with a goal. */
    List<String> goals() {
        return rows.stream().filter(r -> r.verdict() != Verdict.INFO).map(r -> r.metric().strip()).toList();
    }

    boolean allGoalsMet() {
        return rows.stream().noneMatch(r -> r.verdict() == Verdict.MISS);
    }

    String render() {
        int[] widths = new int[HEADER.size()];
        List<List<String>> lines = new ArrayList<>();
        lines.add(HEADER);
        rows.forEach(r -> lines.add(r.cells()));
        for (List<String> line : lines) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int l = 0; l < lines.size(); l++) {
            out.append(line(lines.get(l), widths)).append('\n');
            if (l == 0) {
                out.append(rule(widths)).append('\n');
            }
        }
        return out.toString();
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            // Text left, numbers right: the columns of figures line up.
            line.append(i == 0 || i >= 4 ? pad(cell, widths[i], false) : pad(cell, widths[i], true));
            line.append(i < cells.size() - 1 ? " | " : "");
        }
        return line.toString().stripTrailing();
    }

    private static String rule(int[] widths) {
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            rule.append("-".repeat(widths[i])).append(i < widths.length - 1 ? "-+-" : "");
        }
        return rule.toString();
    }

    private static String pad(String cell, int width, boolean right) {
        String space = " ".repeat(width - cell.length());
        return right ? space + cell : cell + space;
    }
}
