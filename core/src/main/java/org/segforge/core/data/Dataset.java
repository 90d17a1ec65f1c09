package org.segforge.core.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.segforge.core.DataException;

/**
 * A labelled dataset: training cases (labelled), optional test cases (images only or labelled),
 * the channel (modality) names, the label names by value, and its provenance. Cases are
 * {@link CaseSource}s, so a dataset read from disk holds paths and reads volumes per case when
 * asked.
 *
 * @param channelNames one name per image channel, in channel order (e.g. ["T1", "FLAIR"])
 * @param labels       label value → name, sorted by value; value 0 must be present (background)
 */
public record Dataset(String name, List<String> channelNames, Map<Integer, String> labels,
                      List<CaseSource> training, List<CaseSource> test, DatasetProvenance provenance) {
    public Dataset {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a dataset needs a name");
        }
        if (channelNames == null || channelNames.isEmpty()) {
            throw new IllegalArgumentException("dataset " + name + " declares no channel");
        }
        channelNames = List.copyOf(channelNames);
        if (labels == null || !labels.containsKey(0)) {
            throw new IllegalArgumentException("dataset " + name + ": labels must declare value 0 (background)");
        }
        for (int v : labels.keySet()) {
            if (v < 0) {
                throw new IllegalArgumentException("dataset " + name + ": label value " + v + " is negative");
            }
        }
        labels = Collections.unmodifiableMap(new TreeMap<>(labels));
        training = List.copyOf(training);
        test = test == null ? List.of() : List.copyOf(test);
        Set<String> ids = new HashSet<>();
        for (CaseSource c : concat(training, test)) {
            if (!ids.add(c.id())) {
                throw new IllegalArgumentException("dataset " + name + ": case id " + c.id() + " appears twice");
            }
        }
        if (provenance == null) {
            throw new IllegalArgumentException("dataset " + name + " needs provenance");
        }
    }

    /**
     * A dataset of cases already in memory, fingerprinted over their voxels.
     */
    public static Dataset inMemory(String name, List<String> channelNames, Map<Integer, String> labels,
                                   List<Case> training, List<Case> test) {
        List<Case> all = new ArrayList<>(training);
        all.addAll(test);
        DatasetProvenance p = new DatasetProvenance(name, "in memory", Fingerprints.ofCases(all), DatasetProvenance.VOXELS);
        return new Dataset(name, channelNames, labels, List.copyOf(training), List.copyOf(test), p);
    }

    public int numChannels() {
        return channelNames.size();
    }

    /** Label names in value order; index i is the name of the i-th declared value (not value i). */
    public List<String> labelNames() {
        return List.copyOf(labels.values());
    }

    /** Loads every training case (reads the files of a dataset on disk); for small datasets. */
    public List<Case> loadTraining() throws DataException {
        List<Case> out = new ArrayList<>();
        for (CaseSource c : training) {
            out.add(c.load());
        }
        return out;
    }

    /** The training case with this id, or null. */
    public CaseSource trainingCase(String id) {
        for (CaseSource c : training) {
            if (c.id().equals(id)) {
                return c;
            }
        }
        return null;
    }

    private static List<CaseSource> concat(List<CaseSource> a, List<CaseSource> b) {
        List<CaseSource> all = new ArrayList<>(a);
        if (b != null) {
            all.addAll(b);
        }
        return all;
    }
}
