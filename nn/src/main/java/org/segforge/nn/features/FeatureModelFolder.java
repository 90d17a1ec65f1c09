package org.segforge.nn.features;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.segforge.core.DataException;
import org.segforge.nn.train.Provenance;

/**
 * Writes the shipped feature-network folder ({@code models/fid-features-v1}): the 3D and 2D
 * weights drawn from their seeds and a {@code provenance.json} holding both configs and the
 * SHA-256 of each file. Run as
 * {@code java -cp nn/target/classes:… org.segforge.nn.features.FeatureModelFolder models/fid-features-v1}
 * (see the folder's README); the test suite checks the shipped files against a fresh draw.
 */
public final class FeatureModelFolder {
    private FeatureModelFolder() {}

    /** What the provenance's config records. */
    public record Contents(String version, String method, FeatureNetworkConfig network3d, String sha256of3d,
            FeatureNetworkConfig network2d, String sha256of2d) {}

    /** Writes both weight files and the provenance into {@code folder}. */
    public static Contents write(Path folder) throws DataException {
        FeatureWeights w3 = FeatureWeights.generate(FeatureNetworkConfig.v1(3));
        FeatureWeights w2 = FeatureWeights.generate(FeatureNetworkConfig.v1(2));
        w3.write(folder.resolve(FeatureNetwork.fileName(3)));
        w2.write(folder.resolve(FeatureNetwork.fileName(2)));
        Contents c = new Contents(FeatureNetworkConfig.VERSION,
                "fixed random initialisation: He-normal weights from SplittableRandom(seed), zero biases, no training",
                w3.config(), sha256(w3.toBytes()), w2.config(), sha256(w2.toBytes()));
        Provenance.capture(c, w3.config().seed(), "none: the weights are drawn from the seed, no data is used").writeTo(folder);
        return c;
    }

    /** Lower-case hex SHA-256. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    /** {@code FeatureModelFolder FOLDER}: writes the folder (a tool for maintainers, see the README). */
    public static void main(String[] args) throws DataException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: FeatureModelFolder OUTPUT_FOLDER");
        }
        write(Path.of(args[0]));
    }
}
