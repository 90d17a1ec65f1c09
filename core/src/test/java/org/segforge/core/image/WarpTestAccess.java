package org.segforge.core.image;

/** Lets tests in other packages build warp_reference.py's test volume. */
public final class WarpTestAccess {
    private WarpTestAccess() {}

    public static Volume vol3(int nx, int ny, int nz) {
        return WarpTest.vol3(nx, ny, nz);
    }
}
