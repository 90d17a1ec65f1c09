package org.segforge.nn.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.segforge.nn.seg.SegLoss;
import org.segforge.nn.seg.UNet;
import org.segforge.nn.seg.UNetConfig;

/**
 * Benchmark, not a test: median time of one 2D U-Net training step (forward, Dice+CE, backward,
 * plain SGD update) on random data, and the process's peak RSS. The same network in PyTorch is
 * timed by {@code src/test/resources/reference/bench_unet_torch.py}.
 *
 * <p>Usage: {@code UNetTrainBench WIDTH DEPTH [BATCH SIZE WARMUP STEPS]}, e.g. {@code 16 4} (the
 * "cpu" preset) or {@code 32 4} (≈1.9 M parameters), batch 8 of 128×128 by default.
 */
public final class UNetTrainBench {
    private UNetTrainBench() {}

    public static void main(String[] args) throws IOException {
        int width = Integer.parseInt(args[0]), depth = Integer.parseInt(args[1]);
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        int size = args.length > 3 ? Integer.parseInt(args[3]) : 128;
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        int steps = args.length > 5 ? Integer.parseInt(args[5]) : 10;
        UNetConfig config = UNetConfig.cpu(2, 1, 3).withDepth(depth).withWidth(width, 512);
        List<Double> times = new ArrayList<>();
        List<Double> cpuTimes = new ArrayList<>();
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long params;
        try (NDManager model = NDManager.newBaseManager()) {
            UNet net = new UNet(config);
            net.initialize(model, 1);
            params = net.parameterCount();
            ParameterStore ps = new ParameterStore(model, false);
            for (int i = 0; i < warmup + steps; i++) {
                long t0 = System.nanoTime();
                long c0 = os.getProcessCpuTime();
                try (NDManager s = model.newSubManager()) {
                    NDArray x = s.randomUniform(0, 1, new Shape(batch, 1, size, size));
                    NDArray y = s.randomInteger(0, 3, new Shape(batch, size, size), DataType.INT32);
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray loss = SegLoss.loss(net.forward(ps, new NDList(x), true).singletonOrThrow(), y);
                        gc.backward(loss);
                    }
                    for (var p : net.getParameters()) {
                        NDArray w = p.getValue().getArray();
                        NDArray g = w.getGradient();
                        g.attach(s);
                        w.subi(g.mul(1e-3f));
                        g.muli(0f);
                    }
                }
                double sec = (System.nanoTime() - t0) / 1e9;
                if (i >= warmup) {
                    times.add(sec);
                    cpuTimes.add((os.getProcessCpuTime() - c0) / 1e9);
                }
            }
        }
        double median = median(times);
        double cpuMedian = median(cpuTimes);
        String rss = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("VmHWM")).findFirst().orElse("VmHWM: ?").replaceAll("\\s+", " ");
        System.out.printf("djl threads=%d width=%d depth=%d params=%d batch=%d size=%d median_step_s=%.4f median_cpu_s=%.4f steps=%s %s%n",
                ai.djl.pytorch.jni.JniUtils.getNumThreads(), width, depth, params, batch, size, median, cpuMedian, times, rss);
    }

    private static double median(List<Double> v) {
        double[] t = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return t.length % 2 == 1 ? t[t.length / 2] : (t[t.length / 2 - 1] + t[t.length / 2]) / 2;
    }
}
