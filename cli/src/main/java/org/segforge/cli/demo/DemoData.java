package org.segforge.cli.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.segforge.core.DataException;
import org.segforge.core.image.Volume;
import org.segforge.core.io.ImageFiles;
import org.segforge.core.io.dataset.LabelTableFile;

/**
 * The demo's real data: Colin27 T1 with its brain mask and two atlases, all on one grid, and the
 * lesion masks on the same grid. Read from {@code data/demo} in the checkout, or any folder laid
 * out the same way.
 */
public record DemoData(Path folder, Volume t1, Volume brainMask, Volume aal, Map<Integer, String> aalNames,
                       Volume brodmann, List<Path> lesionFiles) {

    public static DemoData load(Path folder) throws DataException {
        Path c = folder.resolve("colin27");
        Volume t1 = ImageFiles.readVolume(c.resolve("ch2.nii.gz"));
        Volume brain = ImageFiles.readVolume(c.resolve("brainmask.nii.gz"));
        Volume aal = ImageFiles.readVolume(c.resolve("aal.nii.gz"));
        Volume brodmann = ImageFiles.readVolume(c.resolve("brodmann.nii.gz"));
        for (var e : Map.of("brainmask.nii.gz", brain, "aal.nii.gz", aal, "brodmann.nii.gz", brodmann).entrySet()) {
            if (!e.getValue().sameShape(t1) || !e.getValue().affine().approxEquals(t1.affine(), 1e-4)) {
                throw new DataException(c.resolve(e.getKey()), "not on the grid of ch2.nii.gz (shape or affine differ)");
            }
        }
        List<Path> lesions = new ArrayList<>();
        Path l = folder.resolve("lesions");
        if (Files.isDirectory(l)) {
            try (Stream<Path> s = Files.list(l)) {
                s.filter(p -> ImageFiles.lowerName(p).endsWith(".nii.gz")).sorted().forEach(lesions::add);
            } catch (IOException e) {
                throw new DataException(l, "cannot list the lesion masks: " + e.getMessage(), e);
            }
        }
        return new DemoData(folder, t1, brain, aal, LabelTableFile.read(c.resolve("aal.nii.txt")), brodmann, List.copyOf(lesions));
    }

    /** The files the demo reads, for its provenance. */
    public List<Path> files() {
        List<Path> f = new ArrayList<>();
        for (String n : new String[] {"ch2.nii.gz", "brainmask.nii.gz", "aal.nii.gz", "aal.nii.txt", "brodmann.nii.gz"}) {
            f.add(folder.resolve("colin27").resolve(n));
        }
        f.addAll(lesionFiles);
        return f;
    }
}
