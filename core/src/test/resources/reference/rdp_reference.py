"""Reference values for core/privacy (RdpAccountantTest, SampledGaussianTest).

Independent of any DP library and of the series SegForge evaluates: log A_alpha of the
Poisson-subsampled Gaussian mechanism by direct numerical integration of its definition
(Mironov, Talwar, Zhang 2019, eq. for A_alpha), in 60-digit arithmetic with mpmath:

    A_alpha = integral over z of mu0(z) * ((1 - q) + q * exp((2z - 1) / (2 sigma^2)))^alpha,
    mu0 = N(0, sigma^2) density.

The integral is split at the crossing point z0 and at the integrand's peak so that mpmath's
tanh-sinh quadrature sees smooth pieces. Run: /usr/bin/python3 rdp_reference.py
Output lines "A q sigma alpha logA" are copied into the tests.
"""
import mpmath as mp

mp.mp.dps = 60


def log_a(q, sigma, alpha):
    q, sigma, alpha = mp.mpf(q), mp.mpf(sigma), mp.mpf(alpha)

    def f(z):
        ratio = (1 - q) + q * mp.exp((2 * z - 1) / (2 * sigma ** 2))
        return mp.npdf(z, 0, sigma) * ratio ** alpha

    z0 = sigma ** 2 * mp.log(1 / q - 1) + mp.mpf(1) / 2
    # where the mass sits: near 0 (the (1-q) part) and near alpha (the q-part, shifted by alpha)
    pts = sorted({mp.mpf(0), z0, alpha, alpha - 1, mp.mpf(1)})
    pts = [-mp.inf] + pts + [mp.inf]
    return mp.log(mp.quad(f, pts, maxdegree=10))


CASES = [
    # (q, sigma, alpha): the dp_accounting test's parameter grid (q from 1e-7 to .999,
    # sigma .1 to 100, integer and fractional orders) plus the orders SegForge uses
    (1e-7, 0.1, 1.01),
    (1e-6, 0.1, 256),
    (1e-5, 0.1, 256.1),
    (1e-6, 1, 27),
    (1e-4, 1, 1.5),
    (1e-3, 1, 2),
    (0.01, 10, 20),
    (0.1, 100, 20.5),
    (0.99, 0.1, 256),
    (0.999, 100, 256.1),
    (0.01, 2.5, 1.5),
    (0.01, 2.5, 2.5),
    (0.04, 1.5, 1.1),
    (0.04, 1.5, 3.7),
    (0.2, 0.5, 1.25),
    (0.2, 0.5, 7),
    (0.05, 0.3, 1.05),
    # near alpha = 1, where the best order lies for very large epsilon (sigma << 1)
    (0.008, 0.3545, 1.3),
    (0.008, 0.05, 1.001),
    (0.02, 0.2, 1.005),
    (0.008, 0.0126, 1.002),
]

if __name__ == "__main__":
    for q, s, a in CASES:
        print("A", q, s, a, mp.nstr(log_a(q, s, a), 17))
