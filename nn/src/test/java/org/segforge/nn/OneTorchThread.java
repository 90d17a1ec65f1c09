package org.segforge.nn;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class with one libtorch intra-op thread, then restores the previous count. The tests
 * use tiny tensors, where a second thread gains little; on a shared, oversubscribed 2-core machine
 * the threads' barrier waits made every small op cost a scheduler slice (the overfit test took
 * 2.5 s per step with 2 threads and 0.26 s with 1, same machine, same minute).
 */
public final class OneTorchThread implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(OneTorchThread.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        Engine.getInstance(); // loads libtorch
        context.getStore(NS).put("threads", JniUtils.getNumThreads());
        JniUtils.setNumThreads(1);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Integer previous = context.getStore(NS).get("threads", Integer.class);
        if (previous != null) {
            JniUtils.setNumThreads(previous);
        }
    }
}
