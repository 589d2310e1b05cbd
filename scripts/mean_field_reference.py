#!/usr/bin/env python3
"""High-precision mean-field references for tanh and erf at large sigma_w^2 (issue 12, item 2).

Writes test/fixtures/mean-field-large-sigma.json: q*, chi1, c*, chi_c, xi_q, xi_c of
Poole et al. 2016 / Schoenholz et al. 2017 (definitions as in src/theory/meanField.ts), computed with
mpmath at 40 significant digits, independently of initlab's double-precision quadrature:

- erf: closed forms (Williams 1997). For u1, u2 ~ N(0, q) with correlation c,
    E[erf(u1) erf(u2)] = (2/pi) asin(2qc / (1 + 2q)),
    E[erf'(u1) erf'(u2)] = (4/pi) / sqrt((1 + 2q)^2 - (2qc)^2).
  The variance map's slope is sigma_w^2 d/dq of (2/pi) asin(2q/(1+2q)), differentiated numerically by mpmath
  (as -d/dq of 1 - that = (2/pi) atan(sqrt(1 + 4q)/(2q))).
- tanh, sigma_b^2 = 0: tanh is odd, so c* = 0 exactly and chi_c = sigma_w^2 E[tanh'(u)]^2. The
  expectations are 1-D integrals in x = sqrt(q) z, i.e. integral f(x) N(x; 0, q) dx with f = sech^2, sech^4
  (decaying, so no cancellation); E[tanh^2] = 1 - E[sech^2]. The slope of the variance map is
  mpmath's numerical derivative of that map, not the Gaussian-derivative identity initlab uses.
- tanh, small sigma_b^2 > 0: c* is tiny (~ sigma_b^2 / q*), where the correlation map is
  (sigma_b^2 + sigma_w^2 E_c[tanh tanh]) / q*, E_c[tanh(u1) tanh(u2)] = integral_0^c q G(c') dc' (Price's theorem),
  G(c) = E_c[sech^2(u1) sech^2(u2)] = G0 + G2 c^2 + O(c^4) (tanh' is even, so only even powers of c), its
  coefficients from Mehler's formula as 1-D integrals (G0 = E[tanh']^2, G2 = E[tanh'(u) He_2(u/sqrt q)]^2 / 2); c* then solves
  c = (sigma_b^2 + sigma_w^2 q (G0 c + G2 c^3 / 3)) / q*, and chi_c = sigma_w^2 (G0 + G2 c*^2). The neglected
  O(c^4) terms are < 1e-20 relative at the c* here (< 1e-5).

Usage: /usr/bin/python3 scripts/mean_field_reference.py [OUTPUT]
Needs mpmath (Debian: python3-mpmath; made with mpmath 1.2.1). Takes about a minute.
"""
import json
import sys

import mpmath as mp

mp.mp.dps = 40

SIGMA_W2 = ['1e4', '1e5', '1e6', '3e6', '1e7', '1e100', '1e200', '1e300']
SPLITS = [0, 0.5, 1, 2, 4, 8, 16, 32, 64, 128, 256]


def gauss_even(f, q):
    """E[f(x)], x ~ N(0, q), for an even f that decays within |x| < 256 (double-exponentially small beyond)."""
    q = mp.mpf(q)
    return 2 / mp.sqrt(2 * mp.pi * q) * mp.quad(lambda x: f(x) * mp.exp(-x * x / (2 * q)), SPLITS)


def sech2(x):
    return 1 / mp.cosh(x) ** 2


def depth(slope):
    return mp.inf if slope >= 1 else -1 / mp.log(slope)


def solve_q(m, w2, b2):
    """q* = w2 m(q*) + b2 on the branch near q ~ w2 (the chaotic phase's non-zero fixed point)."""
    return mp.findroot(lambda q: w2 * m(q) + b2 - q, w2 + b2)


def rel_slope(m_complement, q):
    """d m / d q = -d(1 - m)/dq by mpmath's numerical differentiation in log q (step relative to q). 1 - m is
    differentiated, not m: m'(q) ~ q^(-3/2) is far below m's 40 digits at q ~ 1e100."""
    return -mp.diff(lambda t: m_complement(q * mp.exp(t)), 0) / q


def tanh_case(w2s, b2):
    w2 = mp.mpf(w2s)
    b2 = mp.mpf(b2)
    m = lambda q: 1 - gauss_even(sech2, q)  # E[tanh^2]
    q = solve_q(m, w2, b2)
    chi1 = w2 * gauss_even(lambda x: sech2(x) ** 2, q)
    slope_q = w2 * rel_slope(lambda q: gauss_even(sech2, q), q)
    g0 = gauss_even(sech2, q) ** 2  # E_0[tanh'(u1) tanh'(u2)] = E[tanh'(u)]^2
    if b2 == 0:
        c, chic = mp.mpf(0), w2 * g0
    else:
        # Mehler: E_c[f(z1) g(z2)] = sum_k c^k/k! E[f He_k] E[g He_k], and tanh' is even, so
        # G(c) = b0^2 + b2^2 c^2 / 2 + O(c^4), b_k = E[tanh'(sqrt(q) z) He_k(z)], He_2(z) = z^2 - 1 = x^2/q - 1.
        g2 = gauss_even(lambda x: sech2(x) * (x * x / q - 1), q) ** 2 / 2
        c = mp.findroot(lambda c: (b2 + w2 * q * (g0 * c + g2 * c ** 3 / 3)) / q - c, b2 / q)
        assert c < mp.mpf('1e-5')
        chic = w2 * (g0 + g2 * c * c)
    return q, chi1, c, chic, depth(slope_q), depth(chic)


def erf_case(w2s, b2):
    w2 = mp.mpf(w2s)
    b2 = mp.mpf(b2)
    m = lambda q: 2 / mp.pi * mp.asin(2 * q / (1 + 2 * q))
    q = solve_q(m, w2, b2)
    chi1 = w2 * 4 / mp.pi / mp.sqrt(1 + 4 * q)
    # 1 - m = (2/pi) acos(2q/(1+2q)) = (2/pi) atan(sqrt(1+4q)/(2q)), written without the cancellation of 1 - r.
    slope_q = w2 * rel_slope(lambda q: 2 / mp.pi * mp.atan(mp.sqrt(1 + 4 * q) / (2 * q)), q)
    corr = lambda c: (b2 + w2 * 2 / mp.pi * mp.asin(2 * q * c / (1 + 2 * q))) / q
    c = mp.mpf(0) if b2 == 0 else mp.findroot(lambda c: corr(c) - c, b2 / q)
    chic = w2 * 4 / mp.pi / mp.sqrt((1 + 2 * q) ** 2 - (2 * q * c) ** 2)
    return q, chi1, c, chic, depth(slope_q), depth(chic)


def num(x):
    return 'Infinity' if x == mp.inf else float(x)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else 'test/fixtures/mean-field-large-sigma.json'
    cases = []
    plan = [('tanh', w, '0') for w in SIGMA_W2] + [('erf', w, '0') for w in SIGMA_W2]
    plan += [('erf', w, '0.01') for w in SIGMA_W2] + [('tanh', w, '0.01') for w in SIGMA_W2]
    for act, w, b in plan:
        q, chi1, c, chic, xiq, xic = (tanh_case if act == 'tanh' else erf_case)(w, b)
        cases.append({'activation': act, 'sigmaW2': float(w), 'sigmaB2': float(b), 'qStar': num(q), 'chi1': num(chi1),
                      'cStar': num(c), 'chiC': num(chic), 'xiQ': num(xiq), 'xiC': num(xic)})
        print(act, w, b, cases[-1], file=sys.stderr)
    doc = {
        'generator': 'scripts/mean_field_reference.py (mpmath %s, %d digits)' % (mp.__version__, mp.mp.dps),
        'note': 'Mean-field q*, chi1, c*, chi_c, xi_q, xi_c at large sigma_w^2; see the script for the method of each.',
        'cases': cases,
    }
    with open(out, 'w') as f:
        json.dump(doc, f, indent=1)
        f.write('\n')


if __name__ == '__main__':
    main()
