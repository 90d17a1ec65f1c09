#!/bin/sh
# Train-step benchmark of the 2D U-Net in DJL (org.segforge.nn.bench.UNetTrainBench) and in
# PyTorch (bench_unet_torch.py), one after the other in the same run, for the "cpu" preset
# (width 16, depth 4) and a ~1.9 M-parameter network (width 32, depth 4); batch 8 of 128x128,
# 3 warm-up steps, median over 10. Build first:  ./mvnw -o -q -pl nn -am package -DskipTests
# Run from the repository root:  sh nn/src/test/resources/reference/run_unet_bench.sh
set -e
CP=${CLASSES:-nn/target/test-classes}:cli/target/segforge.jar
# Two threads as specified; BENCH_THREADS=1 runs both engines single-threaded, which is far less
# disturbed when other processes oversubscribe the cores.
export BENCH_THREADS=${BENCH_THREADS:-2}
export OMP_NUM_THREADS=$BENCH_THREADS
for cfg in "16 4" "32 4"; do
  java -Xmx4g -Dai.djl.offline=true -cp "$CP" org.segforge.nn.bench.UNetTrainBench $cfg 8 128 3 10 2>/dev/null
  /usr/bin/python3 nn/src/test/resources/reference/bench_unet_torch.py $cfg 8 128 3 10
done
