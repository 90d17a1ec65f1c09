#!/bin/sh
# Inference time per 128x128 query of UniverSeg at the paper size (4 levels x 64 features) against
# support size, SegForge (org.segforge.nn.bench.UniverSegBench: split CrossConv, DJL + libtorch
# 2.7.1) and the naive PyTorch 1.13 re-implementation (universeg_torch_bench.py), alternating per
# support size in the same run, 2 threads each, 1 warm-up, median of REPEATS (default 3).
# Build first:  ./mvnw -o -q -pl nn -am package -DskipTests
# Run from the repository root:  sh nn/src/test/resources/reference/run_universeg_bench.sh
set -e
M2=${M2:-$HOME/.m2/repository}
REPEATS=${REPEATS:-3}
CP=nn/target/test-classes:nn/target/classes:core/target/classes
for j in ai/djl/api/0.36.0/api-0.36.0.jar ai/djl/pytorch/pytorch-engine/0.36.0/pytorch-engine-0.36.0.jar \
  ai/djl/pytorch/pytorch-jni/2.7.1-0.36.0/pytorch-jni-2.7.1-0.36.0.jar \
  ai/djl/pytorch/pytorch-native-cpu/2.7.1/pytorch-native-cpu-2.7.1-linux-x86_64.jar \
  com/google/code/gson/gson/2.13.1/gson-2.13.1.jar net/java/dev/jna/jna/5.17.0/jna-5.17.0.jar \
  org/apache/commons/commons-compress/1.27.1/commons-compress-1.27.1.jar org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar \
  org/slf4j/slf4j-nop/2.0.16/slf4j-nop-2.0.16.jar com/fasterxml/jackson/core/jackson-databind/2.18.2/jackson-databind-2.18.2.jar \
  com/fasterxml/jackson/core/jackson-core/2.18.2/jackson-core-2.18.2.jar \
  com/fasterxml/jackson/core/jackson-annotations/2.18.2/jackson-annotations-2.18.2.jar; do
  CP="$CP:$M2/$j"
done
export OMP_NUM_THREADS=2
for n in ${SUPPORTS:-1 8 16 32 64}; do
  java -Xmx2g -Dai.djl.offline=true -cp "$CP" org.segforge.nn.bench.UniverSegBench $n 128 64 1 $REPEATS 2>/dev/null
  /usr/bin/python3 nn/src/test/resources/reference/universeg_torch_bench.py time $n 128 64 1 $REPEATS
done
