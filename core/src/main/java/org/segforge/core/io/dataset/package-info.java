/**
 * Dataset layouts on disk: the Medical Segmentation Decathlon / nnU-Net folder
 * ({@link org.segforge.core.io.dataset.NnUnetDataset}, {@link org.segforge.core.io.dataset.DatasetJson}),
 * a plain folder of image/label pairs ({@link org.segforge.core.io.dataset.PairFolder}), split files
 * ({@link org.segforge.core.io.dataset.SplitsFile}) and atlas label tables
 * ({@link org.segforge.core.io.dataset.LabelTableFile}). Readers check everything up front and
 * report all problems of all cases in one {@link org.segforge.core.io.dataset.DatasetValidationException}.
 */
package org.segforge.core.io.dataset;
