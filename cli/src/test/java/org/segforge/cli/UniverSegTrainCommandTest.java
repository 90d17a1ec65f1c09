package org.segforge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code segforge universeg-train} with the recipe options, for two steps on the bundled Colin27
 * tasks, starting from the shipped model: what the options set must reach the run's provenance.
 * (A model of another shape is refused: {@code UniverSegRecipeTest}, without loading Colin27.)
 */
class UniverSegTrainCommandTest {
    static final Path ROOT = Path.of(System.getProperty("segforge.root", ".."));

    @Test
    void recipeOptionsAndInitialWeightsAreRecorded(@TempDir Path out) throws Exception {
        CliRunner.Result r = CliRunner.run("universeg-train", "--steps", "2", "--batch", "1", "--max-support", "2",
                "--synthetic", "2", "--rotation", "5", "--scale-min", "0.95", "--scale-max", "1.05", "--support-gap", "3",
                "--family-weights", "aal=8,synthetic=0.5", "--select-nearest", "2",
                "--warmup", "0", "--init", ROOT.resolve("models/universeg-cpu").toString(), "--checkpoint-every", "2",
                "--validate-every", "0", "--data", ROOT.resolve("data/demo").toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode prov = new ObjectMapper().readTree(Files.readString(out.resolve("provenance.json")));
        JsonNode training = prov.path("config").path("training");
        assertEquals(5.0, training.path("inTask").path("rotation").asDouble());
        assertEquals(1.05, training.path("inTask").path("scaleMax").asDouble());
        assertEquals(3, training.path("supportGap").asInt());
        assertEquals(0, training.path("warmup").asInt());
        assertEquals(8.0, training.path("familyWeights").path("aal").asDouble());
        assertEquals(0.5, training.path("familyWeights").path("synthetic").asDouble());
        assertEquals(2, training.path("selectNearest").asInt());
        JsonNode from = prov.path("config").path("initialisedFrom");
        assertTrue(from.path("folder").asText().endsWith("universeg-cpu"), from.toString());
        assertEquals(7, from.path("provenance").path("seed").asInt()); // the shipped stage-4 model's seed (it is 128×128, the run 64×64: --init across sizes)
        assertTrue(r.err().contains("done at step 2"), r.err());
    }
}
