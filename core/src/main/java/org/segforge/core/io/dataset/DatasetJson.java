package org.segforge.core.io.dataset;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.segforge.core.DataException;

/**
 * The content of a dataset.json, in either dialect, checked once on parsing:
 * <ul>
 * <li>nnU-Net v2: {@code "channel_names": {"0": "T1"}, "labels": {"background": 0, "brain": 1},
 *     "numTraining": N, "file_ending": ".nii.gz"}, optionally {@code "dataset": {case: {"images":
 *     [...], "label": ...}}} listing files explicitly;</li>
 * <li>Medical Segmentation Decathlon (nnU-Net v1): {@code "modality": {"0": "MRI"}, "labels":
 *     {"0": "background", "1": "tumour"}, "training": [{"image": "./imagesTr/x.nii.gz", "label":
 *     "./labelsTr/x.nii.gz"}], "test": ["./imagesTs/y.nii.gz"]}.</li>
 * </ul>
 * Either form of "labels" is accepted in either dialect. Region-based labels (a name mapped to a
 * list of values) are refused with a clear message.
 *
 * @param version      1 (MSD) or 2 (nnU-Net v2)
 * @param channelNames channel names in channel order
 * @param labels       label value → name; contains 0
 * @param numTraining  the declared number of training cases, or null when absent
 * @param fileEnding   e.g. ".nii.gz"
 * @param training     explicit training entries (v1 "training", v2 "dataset"), or null: scan the folders
 * @param test         explicit test entries (v1 "test"), or null: scan imagesTs
 */
public record DatasetJson(int version, String name, String description, List<String> channelNames,
                          Map<Integer, String> labels, Integer numTraining, String fileEnding,
                          List<Entry> training, List<Entry> test) {
    /** The default file ending when dataset.json names none (MSD files are all .nii.gz). */
    public static final String DEFAULT_ENDING = ".nii.gz";
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One listed case: its image files (one per channel, or one 4D file) and label (or null). */
    public record Entry(String id, List<String> images, String label) {
        public Entry {
            images = List.copyOf(images);
        }
    }

    public DatasetJson {
        channelNames = List.copyOf(channelNames);
        labels = java.util.Collections.unmodifiableMap(new TreeMap<>(labels));
        training = training == null ? null : List.copyOf(training);
        test = test == null ? null : List.copyOf(test);
    }

    /** Reads and checks {@code file}. */
    public static DatasetJson read(Path file) throws DataException {
        JsonNode root;
        try {
            root = MAPPER.readTree(Files.readAllBytes(file));
        } catch (JsonProcessingException e) {
            throw new DataException(file, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new DataException(file, "cannot read: " + e.getMessage(), e);
        }
        return parse(file, root);
    }

    /** Checks and converts a parsed dataset.json; {@code file} names it in errors. */
    public static DatasetJson parse(Path file, JsonNode root) throws DataException {
        if (root == null || !root.isObject()) {
            throw new DataException(file, "dataset.json must hold a JSON object");
        }
        int version;
        JsonNode channels;
        if (root.has("channel_names")) {
            version = 2;
            channels = root.get("channel_names");
        } else if (root.has("modality")) {
            version = 1;
            channels = root.get("modality");
        } else {
            throw new DataException(file, "has neither \"channel_names\" (nnU-Net v2) nor \"modality\" (MSD / nnU-Net v1)");
        }
        List<String> channelNames = parseChannels(file, channels);
        Map<Integer, String> labels = parseLabels(file, root.get("labels"));
        Integer numTraining = null;
        if (root.has("numTraining")) {
            JsonNode n = root.get("numTraining");
            if (!n.canConvertToInt() || !n.isIntegralNumber() || n.intValue() < 0) {
                throw new DataException(file, "\"numTraining\" must be a non-negative integer, got " + n);
            }
            numTraining = n.intValue();
        }
        String ending = text(root, "file_ending", DEFAULT_ENDING);
        if (!ending.startsWith(".")) {
            throw new DataException(file, "\"file_ending\" must start with a dot, got \"" + ending + "\"");
        }
        List<Entry> training = null, test = null;
        if (root.has("training")) {
            training = parseV1Training(file, root.get("training"));
        } else if (root.has("dataset")) {
            training = parseV2Dataset(file, root.get("dataset"));
        }
        if (root.has("test")) {
            test = parseV1Test(file, root.get("test"));
        }
        return new DatasetJson(version, text(root, "name", null), text(root, "description", null),
            channelNames, labels, numTraining, ending, training, test);
    }

    private static List<String> parseChannels(Path file, JsonNode node) throws DataException {
        if (!node.isObject() || node.isEmpty()) {
            throw new DataException(file, "channel names must be a non-empty object {\"0\": \"T1\", ...}, got " + node);
        }
        TreeMap<Integer, String> byIndex = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int index;
            try {
                index = Integer.parseInt(e.getKey().trim());
            } catch (NumberFormatException ex) {
                throw new DataException(file, "channel key \"" + e.getKey() + "\" is not a channel number");
            }
            byIndex.put(index, e.getValue().asText());
        }
        if (byIndex.firstKey() != 0 || byIndex.lastKey() != byIndex.size() - 1) {
            throw new DataException(file, "channels must be numbered 0.." + (byIndex.size() - 1) + ", got " + byIndex.keySet());
        }
        return new ArrayList<>(byIndex.values());
    }

    /** Accepts {"background": 0, "x": 1} (v2) and {"0": "background", "1": "x"} (v1). */
    static Map<Integer, String> parseLabels(Path file, JsonNode node) throws DataException {
        if (node == null || !node.isObject() || node.isEmpty()) {
            throw new DataException(file, "\"labels\" must be a non-empty object, got " + node);
        }
        Map<Integer, String> labels = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            int value;
            String name;
            if (v.isArray()) {
                throw new DataException(file, "label \"" + e.getKey() + "\" is a region (a list of values); region-based labels are not supported");
            } else if (v.isIntegralNumber()) {
                value = v.intValue();
                name = e.getKey();
            } else if (v.isTextual() && isInteger(e.getKey())) {
                value = Integer.parseInt(e.getKey().trim());
                name = v.asText();
            } else {
                throw new DataException(file, "label entry \"" + e.getKey() + "\": " + v
                    + " is neither name → integer value (v2) nor value → name (v1)");
            }
            if (value < 0) {
                throw new DataException(file, "label \"" + name + "\" has negative value " + value);
            }
            if (labels.put(value, name) != null) {
                throw new DataException(file, "label value " + value + " is declared twice");
            }
        }
        if (!labels.containsKey(0)) {
            throw new DataException(file, "labels must declare background as value 0, got " + labels);
        }
        if (labels.values().stream().distinct().count() != labels.size()) {
            throw new DataException(file, "label names must be unique, got " + labels.values());
        }
        return labels;
    }

    private static List<Entry> parseV1Training(Path file, JsonNode node) throws DataException {
        if (!node.isArray()) {
            throw new DataException(file, "\"training\" must be a list of {\"image\": ..., \"label\": ...}");
        }
        List<Entry> out = new ArrayList<>();
        for (JsonNode e : node) {
            if (!e.isObject() || !e.path("image").isTextual() || !e.path("label").isTextual()) {
                throw new DataException(file, "\"training\" entry " + e + " needs \"image\" and \"label\" paths");
            }
            String image = e.get("image").asText();
            out.add(new Entry(ImageNames.stem(Path.of(image).getFileName().toString()), List.of(image), e.get("label").asText()));
        }
        return out;
    }

    private static List<Entry> parseV1Test(Path file, JsonNode node) throws DataException {
        if (!node.isArray()) {
            throw new DataException(file, "\"test\" must be a list of image paths");
        }
        List<Entry> out = new ArrayList<>();
        for (JsonNode e : node) {
            String image = e.isTextual() ? e.asText() : e.path("image").asText(null);
            if (image == null) {
                throw new DataException(file, "\"test\" entry " + e + " is not an image path");
            }
            out.add(new Entry(ImageNames.stem(Path.of(image).getFileName().toString()), List.of(image), null));
        }
        return out;
    }

    private static List<Entry> parseV2Dataset(Path file, JsonNode node) throws DataException {
        if (!node.isObject()) {
            throw new DataException(file, "\"dataset\" must map case ids to {\"images\": [...], \"label\": ...}");
        }
        List<Entry> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode images = e.getValue().path("images");
            if (!images.isArray() || images.isEmpty() || !e.getValue().path("label").isTextual()) {
                throw new DataException(file, "\"dataset\" entry \"" + e.getKey() + "\" needs \"images\" (a list) and \"label\"");
            }
            List<String> files = new ArrayList<>();
            images.forEach(i -> files.add(i.asText()));
            out.add(new Entry(e.getKey(), files, e.getValue().get("label").asText()));
        }
        return out;
    }

    private static boolean isInteger(String s) {
        try {
            Integer.parseInt(s.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String text(JsonNode root, String field, String fallback) {
        JsonNode n = root.get(field);
        return n != null && n.isTextual() ? n.asText() : fallback;
    }

    /** What SegForge writes: nnU-Net v2 fields, plus where the data came from. */
    @JsonPropertyOrder({"name", "description", "channel_names", "labels", "numTraining", "file_ending", "segforge"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record V2(String name, String description,
              @JsonProperty("channel_names") Map<String, String> channelNames,
              Map<String, Integer> labels, int numTraining,
              @JsonProperty("file_ending") String fileEnding,
              Map<String, String> segforge) {
    }

    /** The nnU-Net v2 JSON text for a dataset of {@code numTraining} cases. */
    static String toV2Json(String name, String description, List<String> channelNames, Map<Integer, String> labels,
                           int numTraining, String fileEnding, Map<String, String> provenance) {
        Map<String, String> channels = new LinkedHashMap<>();
        for (int i = 0; i < channelNames.size(); i++) {
            channels.put(String.valueOf(i), channelNames.get(i));
        }
        Map<String, Integer> byName = new LinkedHashMap<>();
        new TreeMap<>(labels).forEach((v, n) -> byName.put(n, v));
        try {
            return MAPPER.writeValueAsString(new V2(name, description, channels, byName, numTraining, fileEnding, provenance)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise dataset.json", e);
        }
    }
}
