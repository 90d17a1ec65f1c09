package org.segforge.cli.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.segforge.core.metric.MetricComparison;
import org.segforge.core.metric.MetricReportReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "compare",
    header = "Compares two evaluations with paired t-tests.", mixinStandardHelpOptions = true,
    description = {
        "Compares two evaluations of the same cases (JSON from 'segforge evaluate --json'), per label and metric,",
        "with a two-sided paired t-test over the cases. Cases are paired by name; both files must hold the same cases.",
        "Cases where a metric is undefined in either evaluation are left out of that metric's test."},
    footer = {"", "Example:", "  segforge compare baseline.json augmented.json"})
public final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RESULT_A.json", description = "The first evaluation (e.g. the baseline).")
    Path a;

    @Parameters(index = "1", paramLabel = "RESULT_B.json", description = "The second evaluation.")
    Path b;

    @Option(names = "--json", description = "Print the comparison as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<MetricComparison> rows;
        try {
            rows = MetricComparison.compare(MetricReportReader.read(a), MetricReportReader.read(b));
        } catch (IllegalArgumentException e) {
            throw new org.segforge.core.DataException(b, e.getMessage());
        }
        if (json) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (MetricComparison c : rows) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("label", c.label());
                r.put("metric", c.metric().key());
                r.put("n", c.n());
                r.put("meanA", finite(c.left().mean()));
                r.put("meanB", finite(c.right().mean()));
                r.put("meanDiff", finite(c.meanDiff()));
                r.put("t", finite(c.test().t()));
                r.put("df", finite(c.test().df()));
                r.put("p", finite(c.test().pValue()));
                if (!c.test().valid()) {
                    r.put("note", c.test().reason());
                }
                out.add(r);
            }
            System.out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
            return 0;
        }
        System.out.printf(Locale.ROOT, "A = %s%nB = %s%n", a, b);
        System.out.printf(Locale.ROOT, "%-6s %-10s %4s %18s %18s %10s %8s %10s%n", "label", "metric", "n", "A mean ± std", "B mean ± std", "B − A", "t", "p");
        for (MetricComparison c : rows) {
            System.out.printf(Locale.ROOT, "%-6d %-10s %4d %18s %18s %10s %8s %10s%s%n", c.label(), c.metric().key(), c.n(),
                c.left().format(3), c.right().format(3), fmt(c.meanDiff(), "%+.4f"), fmt(c.test().t(), "%.3f"),
                fmt(c.test().pValue(), "%.4g"), c.test().valid() ? "" : "  (" + c.test().reason() + ")");
        }
        System.out.println("two-sided paired t-test over cases; p < 0.05 suggests a real difference");
        return 0;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String fmt(double v, String f) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, f, v) : "–";
    }
}
