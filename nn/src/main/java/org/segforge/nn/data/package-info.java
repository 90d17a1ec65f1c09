/**
 * From core data to tensors at one boundary: a {@link org.segforge.nn.data.BatchMaker} builds a
 * step's batch on the Java heap from (step, generator); the {@link org.segforge.nn.data.Batcher}
 * runs it ahead on a background thread and turns it into NDArrays in the step's scope. Batches are
 * a function of (seed, step), which is what makes a training run resumable.
 */
package org.segforge.nn.data;
