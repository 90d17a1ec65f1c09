package org.segforge.nn.train;

import ai.djl.engine.Engine;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.segforge.core.CodeVersion;
import org.segforge.core.DataException;
import org.segforge.core.io.AtomicFiles;

/**
 * Where a trained artefact came from, captured before training starts and written next to
 * checkpoints and models as provenance.json: the full config (seed included), a fingerprint of
 * the data given by the caller, the code and engine versions, the date and the platform.
 *
 * @param config          the method's config as JSON (an object, not a string)
 * @param seed            the run's seed
 * @param dataFingerprint identifies the training data (e.g. a hash of file names and sizes)
 * @param codeVersion     SegForge version + commit ({@link CodeVersion})
 * @param engine          DJL engine name and version, e.g. "PyTorch 2.7.1"
 * @param djlVersion      DJL's version
 * @param java            Java runtime version
 * @param os              operating system and architecture
 * @param created         ISO-8601 instant of capture
 */
public record Provenance(JsonNode config, long seed, String dataFingerprint, String codeVersion, String engine,
                         String djlVersion, String java, String os, String created) {
    /** The name of the file next to checkpoints and models. */
    public static final String FILE = "provenance.json";

    /** Captures the provenance of a run now. */
    public static Provenance capture(Object config, long seed, String dataFingerprint) {
        if (dataFingerprint == null || dataFingerprint.isBlank()) {
            throw new IllegalArgumentException("a data fingerprint is required");
        }
        Engine e = Engine.getInstance();
        return new Provenance(Json.tree(config), seed, dataFingerprint, CodeVersion.current().toString(),
            e.getEngineName() + " " + e.getVersion(), Engine.getDjlVersion(),
            System.getProperty("java.version"), System.getProperty("os.name") + " " + System.getProperty("os.arch"),
            Instant.now().toString());
    }

    /** The config read back as a record of {@code type}. */
    public <T> T config(Class<T> type) {
        try {
            return Json.mapper().treeToValue(config, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("provenance config is not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code folder/provenance.json} atomically. */
    public Path writeTo(Path folder) throws DataException {
        Path file = folder.resolve(FILE);
        AtomicFiles.writeString(file, Json.write(this) + "\n");
        return file;
    }

    public static Provenance read(Path file) throws DataException {
        try {
            return Json.read(Files.readString(file), Provenance.class);
        } catch (IOException e) {
            throw new DataException(file, "cannot read: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new DataException(file, e.getMessage(), e);
        }
    }
}
