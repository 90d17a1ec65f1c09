package org.segforge.nn.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.segforge.core.DataException;
import org.segforge.core.io.AtomicFiles;

/**
 * Checkpoints of a run under {@code folder}: one sub-folder per checkpoint, {@code step-NNNNNNNNN}
 * (completed steps), holding every player's parameters and optimiser state, checkpoint.json
 * (step, players, loop config) and provenance.json. A checkpoint is written into a hidden
 * temporary folder that is renamed into place only when complete, so a kill at any moment leaves
 * either the previous set or the new one, never half a checkpoint. Only the newest {@code keep}
 * are kept.
 *
 * <p>No random-generator state is stored: every step's randomness is a function of (seed, step),
 * so the step index is all a resumed run needs.
 */
public final class Checkpoints {
    static final String PREFIX = "step-";
    private static final String META = "checkpoint.json";
    private final Path folder;
    private final int keep;

    /** What checkpoint.json holds. */
    public record Meta(long completedSteps, List<String> players, LoopConfig loop) {}

    public Checkpoints(Path folder, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be >= 1, got " + keep);
        }
        this.folder = folder;
        this.keep = keep;
    }

    public Path folder() {
        return folder;
    }

    /**
     * Writes a checkpoint after {@code completedSteps} steps, then deletes all but the newest
     * {@code keep}.
     *
     * @return the checkpoint's folder
     */
    public Path save(long completedSteps, List<Player> players, LoopConfig loop, Provenance provenance) throws DataException {
        Path target = folder.resolve(name(completedSteps));
        Path tmp = folder.resolve("." + name(completedSteps) + ".tmp" + System.nanoTime());
        try {
            Files.createDirectories(tmp);
            List<String> names = new ArrayList<>();
            for (Player p : players) {
                names.add(p.name());
                try (DataOutputStream out = open(tmp.resolve(p.name() + ".params"))) {
                    p.saveParameters(out);
                }
                try (DataOutputStream out = open(tmp.resolve(p.name() + ".optim"))) {
                    p.optimizer().save(out);
                }
            }
            Files.writeString(tmp.resolve(META), Json.write(new Meta(completedSteps, names, loop)));
            if (provenance != null) {
                Files.writeString(tmp.resolve(Provenance.FILE), Json.write(provenance));
            }
            if (Files.exists(target)) {
                // the same step saved again (a resumed run re-reaching it): replace it
                AtomicFiles.deleteTreeQuietly(target);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            }
            tmp = null;
        } catch (IOException e) {
            throw new DataException(target, "cannot write checkpoint: " + e.getMessage(), e);
        } finally {
            AtomicFiles.deleteTreeQuietly(tmp);
        }
        prune();
        return target;
    }

    /** The checkpoint folders, oldest first. */
    public List<Path> list() throws DataException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            // zero-padded names sort by step
            return s.filter(p -> p.getFileName().toString().matches(PREFIX + "\\d{9,}") && Files.isDirectory(p))
                .sorted().toList();
        } catch (IOException e) {
            throw new DataException(folder, "cannot list checkpoints: " + e.getMessage(), e);
        }
    }

    public Optional<Path> latest() throws DataException {
        List<Path> all = list();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Reads checkpoint.json of a checkpoint folder. */
    public static Meta meta(Path checkpoint) throws DataException {
        Path file = checkpoint.resolve(META);
        try {
            return Json.read(Files.readString(file), Meta.class);
        } catch (IOException e) {
            throw new DataException(file, "cannot read checkpoint: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new DataException(file, e.getMessage(), e);
        }
    }

    /**
     * Restores parameters and optimiser state of {@code players} from a checkpoint folder.
     *
     * @return the number of completed steps it holds
     */
    public static long load(Path checkpoint, List<Player> players) throws DataException {
        Meta meta = meta(checkpoint);
        List<String> names = players.stream().map(Player::name).toList();
        if (!meta.players().equals(names)) {
            throw new DataException(checkpoint, "checkpoint holds players " + meta.players() + ", the run has " + names);
        }
        for (Player p : players) {
            Path params = checkpoint.resolve(p.name() + ".params");
            Path optim = checkpoint.resolve(p.name() + ".optim");
            try (DataInputStream in = read(params)) {
                p.loadParameters(in);
            } catch (IOException e) {
                throw new DataException(params, "cannot restore parameters: " + e.getMessage(), e);
            }
            try (DataInputStream in = read(optim)) {
                p.optimizer().load(in);
            } catch (IOException e) {
                throw new DataException(optim, "cannot restore optimizer state: " + e.getMessage(), e);
            }
        }
        return meta.completedSteps();
    }

    private void prune() throws DataException {
        List<Path> all = list();
        for (int i = 0; i < all.size() - keep; i++) {
            AtomicFiles.deleteTreeQuietly(all.get(i));
        }
        // temporary folders left by a killed run are garbage
        try (Stream<Path> s = Files.list(folder)) {
            s.filter(p -> p.getFileName().toString().startsWith("." + PREFIX)).forEach(AtomicFiles::deleteTreeQuietly);
        } catch (IOException e) {
            // leftovers are hidden and harmless
        }
    }

    static String name(long completedSteps) {
        return String.format("%s%09d", PREFIX, completedSteps);
    }

    private static DataOutputStream open(Path file) throws IOException {
        return new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    private static DataInputStream read(Path file) throws IOException {
        return new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    }
}
