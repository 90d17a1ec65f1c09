package org.segforge.nn.wgan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import java.util.SplittableRandom;

/**
 * Spectral normalisation (Miyato et al. 2018), written from array ops because the engine has no
 * such layer: W is divided by σ(W), its largest singular value, estimated by one step of power
 * iteration per training forward on W viewed as a matrix (out, rest), as
 * {@code torch.nn.utils.spectral_norm}:
 * <pre>
 *   v = normalise(Wᵀu),  u = normalise(W v),  σ = uᵀ W v,  W_SN = W / σ
 * </pre>
 * u and v are computed without gradient (they are constants of the step); σ carries W's gradient.
 * u persists across steps as a non-trainable block parameter, so it is saved and restored with the
 * block's other parameters ({@code Player.saveParameters}) and a resumed run continues the same
 * iteration. In inference (training = false) u is used as stored and not updated.
 */
public final class SpectralNorm {
    /** Guard of the normalisations, as torch's default eps. */
    public static final float EPS = 1e-12f;

    private SpectralNorm() {}

    /** The persistent left singular vector estimate of a layer with {@code rows} output units. */
    public static Parameter uParameter(long rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be ≥ 1, got " + rows);
        }
        return Parameter.builder().setName("u").setType(Parameter.Type.OTHER).optShape(new Shape(rows))
                .optInitializer(Initializer.ONES).optRequiresGrad(false).build();
    }

    /** Draws u ~ N(0, I), normalised, from {@code rng} (torch starts from a random normal vector too). */
    public static void initialise(Parameter u, SplittableRandom rng) {
        NDArray a = u.getArray();
        float[] v = new float[Math.toIntExact(a.size())];
        double sq = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rng.nextGaussian();
            sq += (double) v[i] * v[i];
        }
        float inv = (float) (1 / Math.max(Math.sqrt(sq), EPS));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        a.set(v);
    }

    /**
     * W / σ(W). With {@code update} the power-iteration step is taken and the new u written into
     * {@code u} (in place); without it the stored u gives σ. Temporaries live in {@code weight}'s
     * manager's scope.
     *
     * @param weight (out, in, k…) or (out, in), with gradient if training
     * @param u      the stored estimate, shape (out)
     */
    public static NDArray normalise(NDArray weight, NDArray u, boolean update) {
        return weight.div(sigma(weight, u, update));
    }

    /**
     * The estimate σ = uᵀ W v (a scalar array carrying W's gradient), after one power-iteration
     * step when {@code update}.
     */
    public static NDArray sigma(NDArray weight, NDArray u, boolean update) {
        long rows = weight.getShape().get(0);
        if (u.getShape().size() != rows) {
            throw new IllegalArgumentException("u has " + u.getShape().size() + " values, the weight " + rows + " rows");
        }
        NDArray w = weight.reshape(rows, -1);
        NDArray wc = w.stopGradient();
        NDArray uc = u.stopGradient().reshape(rows, 1);
        // v = normalise(Wᵀu): (rest, 1)
        NDArray v = normalised(wc.transpose().matMul(uc));
        if (update) {
            uc = normalised(wc.matMul(v));
            // write the new estimate into the parameter; both sides are outside the gradient graph
            u.subi(u).addi(uc.reshape(rows));
        }
        // σ = uᵀ W v with gradient through W only
        return uc.transpose().matMul(w).matMul(v).reshape(new Shape());
    }

    private static NDArray normalised(NDArray x) {
        return x.div(x.norm().maximum(EPS)).stopGradient();
    }
}
