package org.segforge.cli.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.segforge.cli.Home;
import org.segforge.cli.report.ContactSheet;
import org.segforge.cli.report.DiceSupportPlot;
import org.segforge.cli.report.Overlay;
import org.segforge.cli.report.Report;
import org.segforge.core.DataException;
import org.segforge.core.image.Volume;
import org.segforge.nn.universeg.Colin27Tasks;
import org.segforge.nn.universeg.CopyMostSimilar;
import org.segforge.nn.universeg.EpisodeProtocol;
import org.segforge.nn.universeg.EpisodeTask;
import org.segforge.nn.universeg.FewShotMethod;
import org.segforge.nn.universeg.HeldOutEvaluation;
import org.segforge.nn.universeg.Pair2d;
import org.segforge.nn.universeg.SliceTask;
import org.segforge.nn.universeg.UniverSegMethod;
import org.segforge.nn.universeg.UniverSegNearest;
import org.segforge.nn.universeg.UniverSegModel;

/**
 * M5 with the shipped model (models/universeg-cpu): a Brodmann-area task — a label family the
 * model never saw in training — segmented from 8 labelled slices, next to the copy-the-most-similar
 * baseline, and Dice against support size over a few episodes. Supports are at least
 * {@value #GAP} slices from the query (see {@link EpisodeProtocol}), so that the baseline cannot
 * copy a neighbouring slice. Needs no training: 2 s on one thread.
 */
public final class UniverSegSection implements DemoSection {
    static final int GAP = 5;
    static final int SUPPORT = 8;
    static final int[] SIZES = {1, 2, 4, 8, 16};
    static final int EPISODES = 12;
    static final int[] QUICK_SIZES = {1, 8};
    static final int QUICK_EPISODES = 1;
    static final int MIN_PIXELS = 150;

    @Override
    public String name() {
        return "universeg";
    }

    @Override
    public void run(DemoContext ctx, Report report) throws DataException {
        DemoData d = ctx.data();
        List<EpisodeTask> tasks = Colin27Tasks.perValue("brodmann", d.t1(), d.brodmann(), MIN_PIXELS);
        int[] sizes = ctx.quick() ? QUICK_SIZES : SIZES;
        int episodes = ctx.quick() ? QUICK_EPISODES : EPISODES;
        try (UniverSegModel model = UniverSegModel.load(Home.root().resolve("models/universeg-cpu"))) {
            int s = model.config().size();
            // a model trained for support selection is shown the way segment uses it: on the K most similar examples
            FewShotMethod useg = model.selectNearest() > 0 ? new UniverSegNearest(model, model.selectNearest()) : new UniverSegMethod(model, 1);
            CopyMostSimilar copy = new CopyMostSimilar();

            EpisodeProtocol protocol = new EpisodeProtocol(GAP, SUPPORT);
            List<SliceTask> eligible = EpisodeProtocol.qualifying(tasks, List.of(protocol));
            EpisodeProtocol.Episode ep = protocol.draw(eligible, ctx.seed(), 0, s);
            long t = System.nanoTime();
            float[] p = useg.segment(ep.query().image(), ep.support(), ctx.seed());
            double seconds = (System.nanoTime() - t) / 1e9;
            float[] c = copy.segment(ep.query().image(), ep.support(), ctx.seed());
            double dU = HeldOutEvaluation.dice(p, ep.query().label()), dC = HeldOutEvaluation.dice(c, ep.query().label());

            report.heading("Segmenting a new task from 8 examples (M5, UniverSeg)");
            report.paragraph(String.format(Locale.ROOT,
                "The shipped UniverSeg model (the cpu preset's widths, %d×%d input) was trained on AAL regions, the brain mask, lesions and synthetic "
                    + "shapes, never on Brodmann areas. Here it segments %s from %d labelled slices of the same area, each at least %d "
                    + "slices from the query slice %d, in %.2f s without any training (%s). Dice against the atlas: UniverSeg %.3f, "
                    + "copying the label of the most similar support slice %.3f.",
                s, s, ep.task(), SUPPORT, GAP, ep.querySlice(), seconds,
                model.selectNearest() == 1 ? "the model was trained to use only the most similar example, as here"
                    : model.selectNearest() > 1 ? "the model was trained to use the " + model.selectNearest() + " most similar examples, as here"
                    : "all 8 examples in one pass", dU, dC));
            ContactSheet sheet = new ContactSheet(SUPPORT / 2 + 1, 128);
            for (int i = 0; i < SUPPORT; i++) {
                Pair2d sp = ep.support().get(i);
                sheet.add(Overlay.render(image(s, sp.image()), image(s, sp.label()), 0f, 1f), "support, slice " + ep.supportSlices()[i]);
                if (i == SUPPORT / 2 - 1) {
                    sheet.add(Overlay.render(image(s, ep.query().image()), image(s, ep.query().label()), 0f, 1f),
                        "query " + ep.querySlice() + ": truth");
                }
            }
            sheet.add(Overlay.render(image(s, ep.query().image()), image(s, binary(p)), 0f, 1f),
                String.format(Locale.ROOT, "UniverSeg, Dice %.2f", dU));
            report.picture("universeg-episode.png", sheet.render(),
                "Eight support slices with their labels (left), the query with its true label and with UniverSeg's prediction (right)");

            HeldOutEvaluation.Result r = HeldOutEvaluation.run(tasks, List.of(new HeldOutEvaluation.Method(useg, episodes),
                new HeldOutEvaluation.Method(copy, episodes)), sizes, new int[] {GAP}, null, s, ctx.seed(), null);
            report.picture("universeg-dice.png", DiceSupportPlot.render(r, "Held-out Brodmann tasks: Dice vs support size", 800, 440),
                String.format(Locale.ROOT, "Dice against support size, %d episodes over %d Brodmann tasks, supports ≥ %d slices from the "
                    + "query (docs/results/m5 has the full experiment, with a supervised U-Net)", episodes, r.tasks(), GAP));
            List<List<String>> table = new ArrayList<>();
            table.add(List.of("support", "UniverSeg Dice", "copy most similar Dice", "UniverSeg s/query"));
            for (int n : sizes) {
                HeldOutEvaluation.Row u = r.row(useg.name(), GAP, n), b = r.row(copy.name(), GAP, n);
                table.add(List.of(String.valueOf(n), String.format(Locale.ROOT, "%.3f ± %.3f", u.mean(), u.sd()),
                    String.format(Locale.ROOT, "%.3f ± %.3f", b.mean(), b.sd()), String.format(Locale.ROOT, "%.3f", u.medianSeconds())));
            }
            report.table(table);
        }
    }

    private static Volume image(int s, float[] pixels) {
        return Volume.image2d(s, s, pixels);
    }

    private static float[] binary(float[] p) {
        float[] out = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = p[i] > 0.5f ? 1f : 0f;
        }
        return out;
    }
}
