package org.segforge.nn.universeg;

import java.util.ArrayList;
import java.util.List;

/**
 * UniverSeg as a {@link FewShotMethod}. With {@code ensemble} = 1 the whole support set goes
 * through the network in one pass, whatever its size (the network accepts any n, also beyond
 * the size it was trained with). With K &gt; 1, the probabilities are averaged over K random
 * subsets of min(n, model max support) pairs, as {@link Segmenter} does.
 *
 * @param model    the network (not closed here)
 * @param ensemble K ≥ 1
 */
public record UniverSegMethod(UniverSegModel model, int ensemble) implements FewShotMethod {
    public UniverSegMethod {
        if (model == null || ensemble < 1) {
            throw new IllegalArgumentException("need a model and ensemble ≥ 1, got " + ensemble);
        }
    }

    @Override
    public String name() {
        return ensemble == 1 ? "UniverSeg" : "UniverSeg ×" + ensemble;
    }

    @Override
    public float[] segment(float[] query, List<Pair2d> support, long seed) {
        if (ensemble == 1) {
            return model.predict(query, support);
        }
        List<float[]> images = new ArrayList<>(support.size()), masks = new ArrayList<>(support.size());
        for (Pair2d p : support) {
            images.add(p.image());
            masks.add(p.label());
        }
        return new Segmenter(model, ensemble, model.config().maxSupport(), seed).probabilities(query, images, masks);
    }
}
