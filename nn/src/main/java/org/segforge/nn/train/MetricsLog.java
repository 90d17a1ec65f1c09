package org.segforge.nn.train;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.segforge.core.DataException;
import org.segforge.core.io.AtomicFiles;

/**
 * The run's logs in its output folder: log.jsonl (one JSON object per logged step, every
 * metric), log.csv (same rows, columns fixed by the first row, header written once) and
 * validation.jsonl. Rows are appended and flushed at least once a second (for live tailing) and
 * always before a checkpoint is written ({@link #flush()}), so a killed run loses only rows of
 * steps after its last checkpoint — which a resumed run recomputes anyway. Flushing every row
 * instead cost about 0.35 ms per step (LoopOverheadBenchmark). On resume, rows of steps the
 * checkpoint has not seen and any torn last line are dropped first, so the logs read as one
 * clean run.
 */
public final class MetricsLog implements AutoCloseable {
    public static final String JSONL = "log.jsonl";
    public static final String CSV = "log.csv";
    public static final String VALIDATION = "validation.jsonl";

    private final Path folder;
    private final BufferedWriter jsonl;
    private final BufferedWriter csv;
    private final BufferedWriter validation;
    private List<String> columns;
    private long lastFlush = System.nanoTime();
    private static final long FLUSH_NANOS = 1_000_000_000L;

    private MetricsLog(Path folder, List<String> columns) throws IOException {
        this.folder = folder;
        this.columns = columns;
        jsonl = append(folder.resolve(JSONL));
        csv = append(folder.resolve(CSV));
        validation = append(folder.resolve(VALIDATION));
    }

    /**
     * Opens the logs of a run continuing at {@code firstStep}: rows of steps ≥ firstStep (and
     * validations after more than firstStep steps) are removed first.
     */
    public static MetricsLog open(Path folder, long firstStep) throws DataException {
        try {
            Files.createDirectories(folder);
            keepJsonRows(folder.resolve(JSONL), "step", firstStep - 1);
            keepJsonRows(folder.resolve(VALIDATION), "completedSteps", firstStep);
            List<String> cols = keepCsvRows(folder.resolve(CSV), firstStep);
            return new MetricsLog(folder, cols);
        } catch (IOException e) {
            throw new DataException(folder, "cannot open training logs: " + e.getMessage(), e);
        }
    }

    public void step(StepRecord r) throws DataException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("step", r.step());
        row.put("seconds", r.seconds());
        row.putAll(r.metrics());
        try {
            jsonl.write(Json.writeLine(row));
            jsonl.newLine();
            if (columns == null) {
                columns = new ArrayList<>(r.metrics().keySet());
                csv.write("step,seconds," + String.join(",", columns));
                csv.newLine();
            }
            StringBuilder line = new StringBuilder().append(r.step()).append(',').append(r.seconds());
            for (String c : columns) {
                Double v = r.metrics().get(c);
                line.append(',').append(v == null ? "" : v.toString());
            }
            csv.write(line.toString());
            csv.newLine();
            if (System.nanoTime() - lastFlush > FLUSH_NANOS) {
                flush();
            }
        } catch (IOException e) {
            throw new DataException(folder.resolve(JSONL), "cannot append: " + e.getMessage(), e);
        }
    }

    public void validation(ValidationRecord r) throws DataException {
        try {
            validation.write(Json.writeLine(r));
            validation.newLine();
            validation.flush();
        } catch (IOException e) {
            throw new DataException(folder.resolve(VALIDATION), "cannot append: " + e.getMessage(), e);
        }
    }

    /** Pushes buffered rows to the files; the loop calls it before every checkpoint. */
    public void flush() throws DataException {
        try {
            jsonl.flush();
            csv.flush();
            validation.flush();
            lastFlush = System.nanoTime();
        } catch (IOException e) {
            throw new DataException(folder.resolve(JSONL), "cannot write: " + e.getMessage(), e);
        }
    }

    /** Reads the step rows of a log.jsonl (a torn last line is skipped). */
    public static List<StepRecord> readSteps(Path jsonlFile) throws DataException {
        List<StepRecord> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(jsonlFile, StandardCharsets.UTF_8)) {
                JsonNode n = parse(line);
                if (n == null || !n.has("step")) {
                    continue;
                }
                Map<String, Double> m = new LinkedHashMap<>();
                n.fields().forEachRemaining(e -> {
                    if (!e.getKey().equals("step") && !e.getKey().equals("seconds")) {
                        m.put(e.getKey(), e.getValue().asDouble(Double.NaN));
                    }
                });
                out.add(new StepRecord(n.get("step").asLong(), n.path("seconds").asDouble(), m));
            }
        } catch (IOException e) {
            throw new DataException(jsonlFile, "cannot read: " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public void close() throws DataException {
        try {
            jsonl.close();
            csv.close();
            validation.close();
        } catch (IOException e) {
            throw new DataException(folder, "cannot close training logs: " + e.getMessage(), e);
        }
    }

    private static BufferedWriter append(Path file) throws IOException {
        Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return new BufferedWriter(w);
    }

    private static JsonNode parse(String line) {
        try {
            return line.isBlank() ? null : Json.mapper().readTree(line);
        } catch (IOException e) {
            return null; // torn line of a killed run
        }
    }

    /** Keeps the rows whose {@code key} is ≤ {@code last}; rewrites atomically if anything goes. */
    private static void keepJsonRows(Path file, String key, long last) throws IOException, DataException {
        if (!Files.exists(file)) {
            return;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            JsonNode n = parse(line);
            if (n != null && n.has(key) && n.get(key).asLong() <= last) {
                kept.add(line);
            }
        }
        if (kept.size() != lines.size()) {
            AtomicFiles.writeString(file, kept.isEmpty() ? "" : String.join("\n", kept) + "\n");
        }
    }

    /** Keeps the header and rows of steps < firstStep; returns the header's metric columns. */
    private static List<String> keepCsvRows(Path file, long firstStep) throws IOException, DataException {
        if (!Files.exists(file)) {
            return null;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).startsWith("step,seconds")) {
            Files.delete(file);
            return null;
        }
        String header = lines.get(0);
        int width = header.split(",", -1).length;
        List<String> kept = new ArrayList<>(List.of(header));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f.length == width && f[0].matches("\\d+") && Long.parseLong(f[0]) < firstStep) {
                kept.add(line);
            }
        }
        if (kept.size() == 1 && firstStep == 0) {
            Files.delete(file); // a fresh run writes its own header
            return null;
        }
        if (kept.size() != lines.size()) {
            AtomicFiles.writeString(file, String.join("\n", kept) + "\n");
        }
        List<String> cols = new ArrayList<>(List.of(header.split(",", -1)));
        return new ArrayList<>(cols.subList(2, cols.size()));
    }
}
