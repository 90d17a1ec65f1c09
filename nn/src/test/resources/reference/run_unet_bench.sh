#!/bin/sh
# Train-step benchmark of the 2D U-Net in DJL (org.segforge.nn.bench.UNetTrainBench) and in
# PyTorch (bench_unet_torch.py), one after the other in the same run, for the "cpu" preset
# (width 16, depth 4) and a ~1.9 M-parameter network (width 32, depth 4); batch 8 of 128x128,
# 3 warm-up steps, median over 10. Build first:  ./mvnw -o -q -pl nn -am package -DskipTests
# Run from the repository root:  sh nn/src/test/resources/reference/run_unet_bench.sh
set -e
M2=${M2:-$HOME/.m2/repository}
CP=${CLASSES:-nn/target/test-classes:nn/target/classes:core/target/classes}
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
# Two threads as specified; BENCH_THREADS=1 runs both engines single-threaded, which is far less
# disturbed when other processes oversubscribe the cores.
export BENCH_THREADS=${BENCH_THREADS:-2}
export OMP_NUM_THREADS=$BENCH_THREADS
for cfg in "16 4" "32 4"; do
  java -Xmx4g -Dai.djl.offline=true -cp "$CP" org.segforge.nn.bench.UNetTrainBench $cfg 8 128 3 10 2>/dev/null
  /usr/bin/python3 nn/src/test/resources/reference/bench_unet_torch.py $cfg 8 128 3 10
done
