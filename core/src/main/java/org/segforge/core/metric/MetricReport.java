package org.segforge.core.metric;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.segforge.core.DataException;
import org.segforge.core.io.AtomicFiles;

/**
 * The result of {@link MetricAccumulator#aggregate()}: every case, and per label a summary of each
 * metric. Serialises to JSON of the shape
 * <pre>
 * {"cases":[{"name":"case1","labels":{"1":{"dice":…,"iou":…,"precision":…,"recall":…,"hd95":…,"assd":…,"bavd":…}}}],
 *  "summary":{"1":{"dice":{"mean":…,"std":…,"median":…,"n":…,"nanCount":…}, …}}}
 * </pre>
 * where undefined values (NaN) are written as {@code null}, and to CSV with one row per case and
 * label (columns case, label, then the metrics; NaN as an empty field).
 *
 * @param cases per-case metrics in the order they were added
 * @param summary label → metric → summary over the cases
 */
public record MetricReport(List<CaseMetrics> cases, Map<Integer, Map<Metric, MetricSummary>> summary) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public MetricReport {
        cases = List.copyOf(cases);
        Map<Integer, Map<Metric, MetricSummary>> copy = new LinkedHashMap<>();
        summary.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        summary = Collections.unmodifiableMap(copy);
    }

    /** The JSON text (indented, UTF-8 safe). */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode cs = root.putArray("cases");
        for (CaseMetrics c : cases) {
            ObjectNode cn = cs.addObject();
            cn.put("name", c.name());
            ObjectNode ln = cn.putObject("labels");
            c.labels().forEach((label, m) -> {
                ObjectNode mn = ln.putObject(Integer.toString(label));
                for (Metric metric : Metric.values()) {
                    putNumber(mn, metric.key(), m.get(metric));
                }
            });
        }
        ObjectNode sn = root.putObject("summary");
        summary.forEach((label, perMetric) -> {
            ObjectNode ln = sn.putObject(Integer.toString(label));
            perMetric.forEach((metric, s) -> {
                ObjectNode mn = ln.putObject(metric.key());
                putNumber(mn, "mean", s.mean());
                putNumber(mn, "std", s.std());
                putNumber(mn, "median", s.median());
                mn.put("n", s.n());
                mn.put("nanCount", s.nanCount());
            });
        });
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of numbers and strings always serialises", e);
        }
    }

    /**
     * Reads the cases back from {@link #toJson()} text (null → NaN) and recomputes the summary
     * from them, so a saved evaluation can be compared with a new one.
     *
     * @throws DataException if the text is not such JSON; the message says what is wrong where
     */
    public static MetricReport fromJson(String json) throws DataException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new DataException("metrics JSON is not valid JSON: " + e.getOriginalMessage());
        }
        JsonNode cs = root == null ? null : root.get("cases");
        if (cs == null || !cs.isArray()) {
            throw new DataException("metrics JSON has no \"cases\" array");
        }
        MetricAccumulator acc = new MetricAccumulator();
        for (int i = 0; i < cs.size(); i++) {
            JsonNode c = cs.get(i);
            String where = "metrics JSON case " + i;
            if (!c.path("name").isTextual() || c.path("name").asText().isEmpty() || !c.path("labels").isObject()) {
                throw new DataException(where + ": needs a non-empty \"name\" and a \"labels\" object");
            }
            Map<Integer, LabelMetrics> labels = new LinkedHashMap<>();
            var fields = c.get("labels").fields();
            while (fields.hasNext()) {
                var f = fields.next();
                int label;
                try {
                    label = Integer.parseInt(f.getKey());
                } catch (NumberFormatException e) {
                    throw new DataException(where + ": label \"" + f.getKey() + "\" is not an integer");
                }
                double[] v = new double[Metric.values().length];
                for (Metric m : Metric.values()) {
                    JsonNode x = f.getValue().get(m.key());
                    if (x == null || !(x.isNumber() || x.isNull())) {
                        throw new DataException(where + ", label " + label + ": \"" + m.key() + "\" must be a number or null");
                    }
                    v[m.ordinal()] = x.isNull() ? Double.NaN : x.asDouble();
                }
                labels.put(label, new LabelMetrics(v[0], v[1], v[2], v[3], v[4], v[5], v[6]));
            }
            acc.add(new CaseMetrics(c.get("name").asText(), labels));
        }
        return acc.aggregate();
    }

    /** JSON has no NaN: undefined values become null. */
    private static void putNumber(ObjectNode node, String key, double v) {
        if (Double.isFinite(v)) {
            node.put(key, v);
        } else {
            node.putNull(key);
        }
    }

    /** CSV (RFC 4180, "\n" line ends): header, then one row per case and label. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("case,label");
        for (Metric metric : Metric.values()) {
            sb.append(',').append(metric.key());
        }
        sb.append('\n');
        for (CaseMetrics c : cases) {
            c.labels().forEach((label, m) -> {
                sb.append(csvField(c.name())).append(',').append(label);
                for (Metric metric : Metric.values()) {
                    double v = m.get(metric);
                    sb.append(',');
                    if (Double.isFinite(v)) {
                        sb.append(v);
                    }
                }
                sb.append('\n');
            });
        }
        return sb.toString();
    }

    private static String csvField(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** Writes {@link #toJson()} atomically. */
    public void writeJson(Path file) throws DataException {
        AtomicFiles.writeString(file, toJson());
    }

    /** Writes {@link #toCsv()} atomically. */
    public void writeCsv(Path file) throws DataException {
        AtomicFiles.writeString(file, toCsv());
    }
}
