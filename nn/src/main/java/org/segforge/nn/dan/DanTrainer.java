package org.segforge.nn.dan;

import ai.djl.ndarray.NDManager;
import java.util.List;
import org.segforge.nn.data.Batcher;
import org.segforge.nn.seg.IntensityNormalisation;
import org.segforge.nn.seg.SegmentationModel;
import org.segforge.nn.seg.UNet;
import org.segforge.nn.train.LoopConfig;
import org.segforge.nn.train.OptimizerConfig;
import org.segforge.nn.train.Player;
import org.segforge.nn.train.Provenance;
import org.segforge.nn.train.Schedule;
import org.segforge.nn.train.TrainingListener;
import org.segforge.nn.train.TrainingLoop;

/**
 * Builds DAN's two players — SN (a {@link UNet}) and EN (an {@link EvaluationNetwork}), each with
 * its own Adam optimiser — and the shared {@link TrainingLoop} around a {@link DanStep}, so that
 * logs, checkpoints and resume work as for every other method. SN weights are drawn from the
 * config's seed, EN weights from seed + 1.
 *
 * <p>The networks live in the given manager; close the trainer (optimiser state) and then the
 * manager when done.
 */
public final class DanTrainer implements AutoCloseable {
    /** Intensities are min–max normalised per image (whole volume for a volume) before the networks. */
    public static final IntensityNormalisation NORMALISATION = IntensityNormalisation.MIN_MAX;

    private final DanConfig config;
    private final UNet sn;
    private final EvaluationNetwork en;
    private final Player snPlayer;
    private final Player enPlayer;

    public DanTrainer(DanConfig config, NDManager manager) {
        this.config = config;
        sn = new UNet(config.sn());
        sn.initialize(manager, config.seed());
        en = new EvaluationNetwork(config.en(), config.enInput().channels(config.classes()));
        en.initialize(manager, config.seed() + 1);
        snPlayer = new Player(DanStep.SN, sn, OptimizerConfig.adam(Schedule.constant(config.snLr()), 0.9, 0.999), manager);
        // β1 = 0.5 as usual for adversarial critics: less momentum against a moving target
        enPlayer = new Player(DanStep.EN, en, OptimizerConfig.adam(Schedule.constant(config.enLr()), 0.5, 0.999), manager);
    }

    public DanConfig config() {
        return config;
    }

    public UNet sn() {
        return sn;
    }

    public EvaluationNetwork en() {
        return en;
    }

    public Player snPlayer() {
        return snPlayer;
    }

    public Player enPlayer() {
        return enPlayer;
    }

    /** The trained SN as a segmentation model (for SlidingWindowPredictor). */
    public SegmentationModel model() {
        return SegmentationModel.of(sn, NORMALISATION);
    }

    /**
     * The training loop over {@code data}, writing logs and checkpoints to {@code outputDir}.
     *
     * @param fingerprint identifies the training data in the provenance
     */
    public TrainingLoop loop(DanData data, String outputDir, String fingerprint, int checkpointEvery, List<TrainingListener> listeners) {
        if (data.classes() != config.classes()) {
            throw new IllegalArgumentException("data has " + data.classes() + " classes, SN " + config.classes());
        }
        LoopConfig loop = LoopConfig.of(config.steps(), config.seed(), outputDir).withCheckpointEvery(checkpointEvery, 2);
        TrainingLoop.Builder b = TrainingLoop.builder().setStep(new DanStep(config)).setPlayers(snPlayer, enPlayer)
                .setData(new Batcher(data.maker(config), config.seed(), 2)).setConfig(loop)
                .optProvenance(Provenance.capture(config, config.seed(), fingerprint));
        listeners.forEach(b::optListener);
        return b.build();
    }

    @Override
    public void close() {
        snPlayer.close();
        enPlayer.close();
    }
}
