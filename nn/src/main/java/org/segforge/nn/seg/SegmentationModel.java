package org.segforge.nn.seg;

import ai.djl.nn.Block;

/**
 * What inference needs to segment a new image: the initialised network (input (N, inChannels,
 * spatial…), output class logits), its configuration and the intensity normalisation used in
 * training.
 *
 * @param block the network; usually a {@link UNet}, any block with the same contract works
 * @param config dims, channels and classes of the network (and its shape when it is a U-Net)
 * @param normalisation applied per image and channel before the network sees it
 */
public record SegmentationModel(Block block, UNetConfig config, IntensityNormalisation normalisation) {
    public SegmentationModel {
        if (block == null || config == null || normalisation == null) {
            throw new IllegalArgumentException("block, config and normalisation are required");
        }
    }

    /** A U-Net with its own config. */
    public static SegmentationModel of(UNet net, IntensityNormalisation normalisation) {
        return new SegmentationModel(net, net.config(), normalisation);
    }
}
