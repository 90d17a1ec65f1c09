package org.segforge.cli.commands;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.segforge.cli.Home;
import org.segforge.cli.demo.BaselineSection;
import org.segforge.cli.demo.DanSection;
import org.segforge.cli.demo.DataSection;
import org.segforge.cli.demo.DemoContext;
import org.segforge.cli.demo.DemoData;
import org.segforge.cli.demo.DemoSection;
import org.segforge.cli.demo.TasksSection;
import org.segforge.cli.demo.UniverSegSection;
import org.segforge.cli.report.Report;
import org.segforge.core.CodeVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo",
    header = "Runs SegForge end to end on the embedded real data and writes a report.", mixinStandardHelpOptions = true,
    description = {
        "Runs SegForge end to end on the real data embedded in the checkout (data/demo: Colin27 T1 MRI,",
        "brain mask, AAL and Brodmann atlases, 24 lesion masks) and writes a report with pictures; the UniverSeg",
        "section uses the shipped model (models/universeg-cpu).",
        "Takes a few minutes on 2 cores; prints where the report is."},
    footer = {"", "Example:", "  segforge demo --out /tmp/segforge-demo"})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", defaultValue = "segforge-out/demo",
        description = "Report folder (replaced if it exists). Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--data", paramLabel = "DIR",
        description = "Folder laid out like data/demo (default: the embedded data).")
    Path data;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for every random choice. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--quick", description = "A smaller, faster run (used by the tests).")
    boolean quick;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        Path folder = data != null ? data : Home.demoData();
        System.err.println("segforge demo: reading " + folder);
        DemoContext ctx = new DemoContext(DemoData.load(folder), seed, quick, System.err);
        List<DemoSection> sections = List.of(new DataSection(), new TasksSection(), new BaselineSection(), new DanSection(),
            new UniverSegSection());
        try (Report report = new Report(out, "SegForge demo")) {
            report.paragraph(String.format(Locale.ROOT, "SegForge %s, seed %d%s.", CodeVersion.current(), seed, quick ? ", quick run" : ""));
            for (DemoSection s : sections) {
                long t = System.nanoTime();
                System.err.println("segforge demo: " + s.name() + " …");
                s.run(ctx, report);
                System.err.printf(Locale.ROOT, "segforge demo: %s done in %.1f s%n", s.name(), (System.nanoTime() - t) / 1e9);
            }
            Path published = report.publish();
            System.out.printf(Locale.ROOT, "Demo finished in %.1f s. Report: %s%n", (System.nanoTime() - start) / 1e9,
                published.resolve("report.html"));
        }
        return 0;
    }
}
