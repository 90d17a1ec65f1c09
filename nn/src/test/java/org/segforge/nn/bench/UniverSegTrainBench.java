package org.segforge.nn.bench;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.segforge.nn.data.HostBatch;
import org.segforge.nn.train.Player;
import org.segforge.nn.train.StepContext;
import org.segforge.nn.universeg.Colin27Tasks;
import org.segforge.nn.universeg.EpisodeMaker;
import org.segforge.nn.universeg.EpisodeTask;
import org.segforge.nn.universeg.SyntheticTask;
import org.segforge.nn.universeg.UniverSeg;
import org.segforge.nn.universeg.UniverSegTrainConfig;
import org.segforge.nn.universeg.UniverSegTraining;

/** Benchmark, not a test: time of building one step's episodes and of one training step (cpu preset). Usage: DEMO_DIR [STEPS]. */
public final class UniverSegTrainBench {
    private UniverSegTrainBench() {}

    public static void main(String[] args) throws Exception {
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        long t0 = System.nanoTime();
        Colin27Tasks colin = Colin27Tasks.load(Path.of(args[0]), 60);
        System.out.printf("load %.2f s%n", (System.nanoTime() - t0) * 1e-9);
        List<EpisodeTask> train = new ArrayList<>(colin.of(Set.of("aal", "brainmask", "lesion")));
        for (int i = 0; i < 10; i++) {
            train.add(new SyntheticTask("s" + i));
        }
        UniverSegTrainConfig c = UniverSegTrainConfig.cpu(100, 1);
        for (boolean aug : new boolean[] {false, true}) {
            EpisodeMaker maker = new EpisodeMaker(train, c.model().size(), c.batch(), 16, aug);
            t0 = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                maker.make(i, new SplittableRandom(i));
            }
            System.out.printf("make (augment %s) %.3f s/step%n", aug, (System.nanoTime() - t0) * 1e-9 / steps);
        }
        EpisodeMaker maker = new EpisodeMaker(train, c.model().size(), c.batch(), 16, true);
        try (NDManager m = NDManager.newBaseManager()) {
            UniverSeg net = new UniverSeg(c.model());
            net.initialize(m, 1);
            Player p = new Player("universeg", net, UniverSegTraining.optimizer(c), m);
            for (int n : new int[] {1, 8, 16}) {
                HostBatch hb;
                long s = 0;
                do {
                    hb = maker.make(s, new SplittableRandom(s));
                    s++;
                } while (hb.arrays().get(1).shape()[1] != n);
                for (int i = 0; i < steps; i++) {
                    try (NDManager sm = m.newSubManager()) {
                        NDList b = hb.toNDList(sm);
                        long t = System.nanoTime();
                        Map<String, Double> r = UniverSegTraining.step().run(new StepContext(i, sm, new SplittableRandom(i), List.of(p)), b);
                        System.out.printf("n %d step %.3f s loss %.4f%n", n, (System.nanoTime() - t) * 1e-9, r.get("loss"));
                    }
                }
            }
        }
    }
}
