package org.segforge.core.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segforge.core.DataException;
import org.segforge.core.image.Affine;
import org.segforge.core.image.Volume;

/**
 * Four real cases against reference lesion1 (spacing 1 mm): lesion2, lesion3, lesion1 itself and an
 * empty prediction. Expected summaries: lines "A1" of
 * src/test/resources/reference/metrics_reference.py (np.nanmean, np.nanstd(ddof=1), np.nanmedian,
 * count of non-NaN), run with Debian's /usr/bin/python3 from core/.
 */
class MetricAccumulatorTest {
    private static MetricReport report;

    @BeforeAll
    static void accumulate() throws DataException {
        Volume l1 = SharedMasks.binary("lesions/lesion1.nii.gz");
        Volume l2 = SharedMasks.binary("lesions/lesion2.nii.gz");
        Volume l3 = SharedMasks.binary("lesions/lesion3.nii.gz");
        MetricAccumulator acc = new MetricAccumulator();
        acc.add("l2", l2, l1, 1);
        acc.add("l3", l3, l1, 1);
        acc.add("self", l1, l1, 1);
        acc.add("empty", Volume.zeros(l1.nx(), l1.ny(), l1.nz(), l1.affine()), l1, 1);
        report = acc.aggregate();
    }

    @Test
    void summaryEqualsNumpy() {
        double[][] expected = { // mean, std, median, n  (A1)
            {0.5121318589801345, 0.41466934889031043, 0.524263717960269, 4},
            {0.43001080396487656, 0.4213302111158684, 0.3600216079297531, 4},
            {0.6001309103427646, 0.427204957017514, 0.7002618206855291, 4},
            {0.46075747476671114, 0.4172333794228113, 0.4215149495334222, 4},
            {12.152153310585648, 11.355075192125984, 13.96424004376894, 3},
            {3.061943307666002, 2.874469667031659, 3.4834316348263417, 3},
            {1.808903806831043, 1.7956271749947572, 1.8357582998106787, 3}};
        for (Metric m : Metric.values()) {
            MetricSummary s = report.summary().get(1).get(m);
            double tol = m.isDistance() ? 1e-3 : 1e-6;
            double[] e = expected[m.ordinal()];
            assertEquals(e[0], s.mean(), tol, m.key() + " mean");
            assertEquals(e[1], s.std(), tol, m.key() + " std");
            assertEquals(e[2], s.median(), tol, m.key() + " median");
            assertEquals((int) e[3], s.n(), m.key() + " n");
            assertEquals(4 - (int) e[3], s.nanCount(), m.key() + " nanCount");
        }
        // A0: lesion3 vs lesion1 at 1 mm.
        LabelMetrics l3 = report.cases().get(1).labels().get(1);
        assertEquals(13.96424004376894, l3.hd95(), 1e-3);
        assertEquals(3.4834316348263417, l3.assd(), 1e-3);
        assertEquals(1.8357582998106787, l3.bavd(), 1e-3);
    }

    @Test
    void jsonHasTheDocumentedShapeWithNullForNaN() throws IOException {
        JsonNode root = new ObjectMapper().readTree(report.toJson());
        assertEquals(4, root.get("cases").size());
        JsonNode first = root.get("cases").get(0);
        assertEquals("l2", first.get("name").asText());
        JsonNode m = first.get("labels").get("1");
        for (Metric metric : Metric.values()) {
            assertTrue(m.get(metric.key()).isNumber(), metric.key());
        }
        assertEquals(0.4369044633901705, m.get("dice").asDouble(), 1e-6);
        JsonNode empty = root.get("cases").get(3).get("labels").get("1");
        assertTrue(empty.get("hd95").isNull() && empty.get("assd").isNull() && empty.get("bavd").isNull());
        assertEquals(0.0, empty.get("dice").asDouble());
        JsonNode dice = root.get("summary").get("1").get("dice");
        assertEquals(0.5121318589801345, dice.get("mean").asDouble(), 1e-12);
        assertEquals(4, dice.get("n").asInt());
        assertEquals(1, root.get("summary").get("1").get("hd95").get("nanCount").asInt());
    }

    @Test
    void csvHasOneRowPerCaseAndLabel(@TempDir Path dir) throws IOException, DataException {
        String csv = report.toCsv();
        String[] lines = csv.split("\n");
        assertEquals("case,label,dice,iou,precision,recall,hd95,assd,bavd", lines[0]);
        assertEquals(5, lines.length);
        assertTrue(lines[1].startsWith("l2,1,0.43690446339017"), lines[1]);
        assertTrue(lines[4].startsWith("empty,1,0.0,0.0,0.0,0.0,,,"), lines[4]);
        Path file = dir.resolve("metrics.csv");
        report.writeCsv(file);
        assertEquals(csv, Files.readString(file, StandardCharsets.UTF_8));
        report.writeJson(dir.resolve("metrics.json"));
        assertEquals(report.toJson(), Files.readString(dir.resolve("metrics.json"), StandardCharsets.UTF_8));
    }

    @Test
    void jsonReadsBackToTheSameReport() throws DataException {
        MetricReport back = MetricReport.fromJson(report.toJson());
        assertEquals(report.toJson(), back.toJson());
        assertTrue(Double.isNaN(back.cases().get(3).labels().get(1).hd95()));
        DataException bad = assertThrows(DataException.class,
                () -> MetricReport.fromJson("{\"cases\":[{\"name\":\"x\",\"labels\":{\"1\":{\"dice\":\"high\"}}}]}"));
        assertTrue(bad.getMessage().contains("case 0, label 1") && bad.getMessage().contains("dice"), bad.getMessage());
        assertThrows(DataException.class, () -> MetricReport.fromJson("[1, 2"));
        assertThrows(DataException.class, () -> MetricReport.fromJson("{}"));
    }

    @Test
    void mismatchedInputsAreDataErrorsNamingBothShapes() throws DataException {
        MetricAccumulator acc = new MetricAccumulator();
        DataException e = assertThrows(DataException.class,
                () -> acc.add("c1", Volume.zeros(4, 4, 4, null), Volume.zeros(4, 5, 4, null), 1));
        assertTrue(e.getMessage().contains("c1") && e.getMessage().contains("[4, 4, 4]") && e.getMessage().contains("[4, 5, 4]"),
                e.getMessage());
        DataException s = assertThrows(DataException.class,
                () -> acc.add("c2", Volume.zeros(4, 4, 4, Affine.scaling(1, 1, 2)), Volume.zeros(4, 4, 4, null), 1));
        assertTrue(s.getMessage().contains("spacing"), s.getMessage());
        acc.add("c3", Volume.zeros(4, 4, 4, null), Volume.zeros(4, 4, 4, null), 1, 2);
        assertThrows(DataException.class, () -> acc.add("c3", Volume.zeros(4, 4, 4, null), Volume.zeros(4, 4, 4, null), 1));
        assertEquals(1, acc.cases().size());
        assertEquals(2, acc.aggregate().summary().size());
        acc.reset();
        assertTrue(acc.aggregate().cases().isEmpty());
    }

    @Test
    void caseNamesAreQuotedInCsv() throws DataException {
        MetricAccumulator acc = new MetricAccumulator();
        acc.add("a,\"b\"", Volume.zeros(2, 2, 1, null), Volume.zeros(2, 2, 1, null), 1);
        assertTrue(acc.aggregate().toCsv().contains("\n\"a,\"\"b\"\"\",1,1.0,1.0,1.0,1.0,0.0,0.0,0.0\n"));
    }
}
