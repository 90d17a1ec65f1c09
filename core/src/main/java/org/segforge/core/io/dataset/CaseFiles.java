package org.segforge.core.io.dataset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.segforge.core.DataException;
import org.segforge.core.data.Case;
import org.segforge.core.data.CaseSource;
import org.segforge.core.image.Volume;
import org.segforge.core.io.ImageFiles;

/**
 * A case on disk: its image files and label file, read only when {@link #load()} is called.
 * The images are one file per channel, or a single 4D file whose frames are the channels (the
 * original Decathlon layout).
 *
 * @param id          the case id
 * @param root        the dataset folder; messages name files relative to it
 * @param images      one file per channel, or one file holding all channels as frames
 * @param numChannels the number of channels the dataset declares
 * @param label       the label file, or null for an unlabelled (test) case
 */
public record CaseFiles(String id, Path root, List<Path> images, int numChannels, Path label) implements CaseSource {
    public CaseFiles {
        images = List.copyOf(images);
        if (images.isEmpty()) {
            throw new IllegalArgumentException("case " + id + " lists no image file");
        }
        if (images.size() != 1 && images.size() != numChannels) {
            throw new IllegalArgumentException("case " + id + ": " + images.size() + " image files for " + numChannels + " channels");
        }
    }

    /** Every file of the case. */
    public List<Path> files() {
        List<Path> all = new ArrayList<>(images);
        if (label != null) {
            all.add(label);
        }
        return all;
    }

    /** Reads the volumes; any problem (unreadable file, mismatched geometry, non-integral label) is an error. */
    @Override
    public Case load() throws DataException {
        Read r = readAll(null);
        if (!r.problems.isEmpty()) {
            throw new DataException(label != null ? label : images.get(0), "case " + id + ": " + String.join("; ", r.problems));
        }
        return new Case(id, r.channels, r.label);
    }

    /**
     * Reads the case and lists what is wrong with it (empty when nothing is): unreadable files,
     * wrong channel count, channels or label on another grid (shape, or affine beyond
     * {@link Case#AFFINE_TOLERANCE_MM}), non-integral label values, and label values outside
     * {@code declared} (null: not checked).
     */
    public List<String> problems(Set<Integer> declared) {
        return readAll(declared).problems;
    }

    /**
     * What checking a case found: its problems, and the foreground values of its label (empty when
     * unlabelled or unreadable), so a caller that does not know the labels can name them.
     */
    public record Check(List<String> problems, Set<Integer> labelValues) {}

    /** As {@link #problems(Set)}, also returning the label values found. */
    public Check check(Set<Integer> declared) {
        Read r = readAll(declared);
        Set<Integer> values = new TreeSet<>();
        if (r.label != null) {
            values.addAll(foregroundValues(r.label));
        }
        return new Check(r.problems, values);
    }

    /** The distinct positive integral values of a label map. */
    static Set<Integer> foregroundValues(Volume label) {
        Set<Integer> values = new TreeSet<>();
        float previous = 0; // label maps are runs of one value: add each run once
        for (float v : label.data()) {
            if (v != previous && v > 0 && v == Math.rint(v)) {
                values.add((int) v);
            }
            previous = v;
        }
        return values;
    }

    private record Read(List<Volume> channels, Volume label, List<String> problems) {}

    private Read readAll(Set<Integer> declared) {
        List<String> problems = new ArrayList<>();
        List<Volume> channels = new ArrayList<>();
        for (Path f : images) {
            try {
                channels.add(ImageFiles.readVolume(f));
            } catch (DataException e) {
                problems.add(e.getMessage());
            }
        }
        Volume lab = null;
        if (label != null) {
            try {
                lab = ImageFiles.readVolume(label);
            } catch (DataException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            return new Read(channels, lab, problems);
        }
        if (images.size() == 1 && channels.get(0).nt() > 1) {
            Volume all = channels.get(0);
            if (all.nt() != numChannels) {
                problems.add(name(images.get(0)) + " has " + all.nt() + " frames but the dataset declares " + numChannels + " channels");
                return new Read(channels, lab, problems);
            }
            channels = new ArrayList<>();
            for (int t = 0; t < all.nt(); t++) {
                channels.add(all.frame(t));
            }
        } else if (channels.size() != numChannels) {
            problems.add("has " + channels.size() + " channel" + (channels.size() == 1 ? "" : "s") + " but the dataset declares " + numChannels);
        }
        Volume first = channels.get(0);
        for (int c = 0; c < channels.size(); c++) {
            if (channels.get(c).nt() != 1) {
                problems.add("channel " + c + " (" + name(images.get(Math.min(c, images.size() - 1))) + ") has " + channels.get(c).nt() + " frames, expected one");
            } else if (c > 0) {
                String m = Case.geometryMismatch(first, channels.get(c));
                if (m != null) {
                    problems.add("channel " + c + " (" + name(images.get(c)) + ") differs from channel 0: " + m);
                }
            }
        }
        if (lab != null) {
            if (lab.nt() != 1) {
                problems.add("label " + name(label) + " has " + lab.nt() + " frames, expected one");
            } else {
                String m = Case.geometryMismatch(first, lab);
                if (m != null) {
                    problems.add("label " + name(label) + " differs from the image: " + m);
                }
            }
            problems.addAll(labelValueProblems(lab, declared));
        }
        return new Read(channels, lab, problems);
    }

    /** Non-integral or negative values, and (when {@code declared} is given) undeclared values. */
    static List<String> labelValueProblems(Volume lab, Set<Integer> declared) {
        List<String> problems = new ArrayList<>();
        float[] d = lab.data();
        long bad = 0;
        float example = 0;
        Set<Integer> undeclared = new TreeSet<>();
        int previous = Integer.MIN_VALUE; // label maps are mostly runs of one value: look each run up once
        for (float v : d) {
            if (v != Math.rint(v) || v < 0) {
                if (bad++ == 0) {
                    example = v;
                }
            } else if (declared != null) {
                int iv = (int) v;
                if (iv != previous) {
                    if (!declared.contains(iv)) {
                        undeclared.add(iv);
                    }
                    previous = iv;
                }
            }
        }
        if (bad > 0) {
            problems.add("label has " + bad + " voxel" + (bad == 1 ? "" : "s") + " that are not non-negative integers (e.g. " + example + ")");
        }
        if (!undeclared.isEmpty()) {
            problems.add("label values " + undeclared + " are not declared in the dataset's labels");
        }
        return problems;
    }

    /** The file's path relative to the dataset folder, with '/' separators. */
    String name(Path p) {
        return relative(root, p);
    }

    static String relative(Path root, Path p) {
        Path r = root == null ? p.getFileName() : root.toAbsolutePath().normalize().relativize(p.toAbsolutePath().normalize());
        return r.toString().replace('\\', '/');
    }
}
