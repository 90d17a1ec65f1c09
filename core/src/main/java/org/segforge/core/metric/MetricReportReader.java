package org.segforge.core.metric;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.segforge.core.DataException;

/**
 * Reads the JSON that {@link MetricReport#toJson()} writes (null = undefined = NaN). The summary
 * is recomputed from the cases rather than trusted, so a hand-edited file cannot disagree with
 * itself.
 */
public final class MetricReportReader {
    private MetricReportReader() {}

    public static MetricReport read(Path file) throws DataException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new DataException(file, "not a readable JSON file: " + e.getMessage(), e);
        }
        JsonNode cases = root == null ? null : root.get("cases");
        if (cases == null || !cases.isArray()) {
            throw new DataException(file, "not a SegForge evaluation (no \"cases\" list); write one with 'segforge evaluate --json'");
        }
        MetricAccumulator acc = new MetricAccumulator();
        int i = 0;
        for (JsonNode c : cases) {
            i++;
            JsonNode name = c.get("name");
            JsonNode labels = c.get("labels");
            if (name == null || !name.isTextual() || labels == null || !labels.isObject()) {
                throw new DataException(file, "case " + i + " needs a \"name\" and a \"labels\" object");
            }
            Map<Integer, LabelMetrics> perLabel = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                int label;
                try {
                    label = Integer.parseInt(e.getKey());
                } catch (NumberFormatException ex) {
                    throw new DataException(file, "case " + name.asText() + ": label '" + e.getKey() + "' is not an integer");
                }
                JsonNode m = e.getValue();
                perLabel.put(label, new LabelMetrics(num(m, Metric.DICE), num(m, Metric.IOU), num(m, Metric.PRECISION),
                    num(m, Metric.RECALL), num(m, Metric.HD95), num(m, Metric.ASSD), num(m, Metric.BAVD)));
            }
            acc.add(new CaseMetrics(name.asText(), perLabel));
        }
        return acc.aggregate();
    }

    private static double num(JsonNode m, Metric metric) {
        JsonNode v = m.get(metric.key());
        return v == null || !v.isNumber() ? Double.NaN : v.asDouble();
    }
}
