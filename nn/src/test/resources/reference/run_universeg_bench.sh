#!/bin/sh
# Inference time per 128x128 query of UniverSeg at the paper size (4 levels x 64 features) against
# support size, SegForge (org.segforge.nn.bench.UniverSegBench: split CrossConv, DJL + libtorch
# 2.7.1) and the naive PyTorch 1.13 re-implementation (universeg_torch_bench.py), alternating per
# support size in the same run, 2 threads each, 1 warm-up, median of REPEATS (default 3).
# Build first:  ./mvnw -o -q -pl cli -am package -DskipTests  (the runnable jar holds every dependency)
# Run from the repository root:  sh nn/src/test/resources/reference/run_universeg_bench.sh
set -e
REPEATS=${REPEATS:-3}
CP=${CLASSES:-nn/target/test-classes}:cli/target/segforge.jar
export OMP_NUM_THREADS=2
for n in ${SUPPORTS:-1 8 16 32 64}; do
  java -Xmx2g -Dai.djl.offline=true -cp "$CP" org.segforge.nn.bench.UniverSegBench $n 128 64 1 $REPEATS 2>/dev/null
  /usr/bin/python3 nn/src/test/resources/reference/universeg_torch_bench.py time $n 128 64 1 $REPEATS
done
