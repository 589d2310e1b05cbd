#!/usr/bin/env python3
"""Regenerates test/fixtures/lsuv-fixed-point.json: for each hidden activation f of initlab
(src/nn/activations.ts), the moments E[f(z)] and E[f(z)^2] of f at z ~ N(0, 1), by mpmath quadrature
at 40 digits, and LSUV's wide-network fixed-point gain 1/sqrt(E[f(z)^2]).

Why that gain: LSUV (Mishkin & Matas 2015, Algorithm 1) rescales W_{l+1} so that Var(W_{l+1} f(Z_l))
= 1 on the batch. For a square orthonormal W, ||W a||^2 = ||a||^2 for each sample, so the second
moment of Z_{l+1} over all (unit, sample) entries equals that of f(Z_l); its mean is ~0 (random
row sums). With Z_l ~ N(0, 1) entrywise (exact in the wide limit when E[f(z)] = 0, e.g. tanh and
SELU, and for ReLU / leaky ReLU by f(x)^2 + f(-x)^2 = (1 + slope^2) x^2), the rescale is then
1/sqrt(E[f(z)^2]) at every layer after the first. The test suite reads the committed JSON; it needs no Python.

Usage: /usr/bin/python3 scripts/gen-lsuv-fixtures.py [OUT]   (default test/fixtures/lsuv-fixed-point.json)
Made with Debian's python3-mpmath 1.2.1.
"""
import json
import sys

import mpmath as mp

mp.mp.dps = 40
# SELU's constants as src/nn/activations.ts writes them (Klambauer et al. 2017).
SELU_ALPHA = mp.mpf('1.6732632423543772848170429916717')
SELU_SCALE = mp.mpf('1.0507009873554804934193349852946')


def Phi(x):
    return mp.ncdf(x)


def leaky(slope):
    return lambda x: x if x > 0 else slope * x


ACTS = {
    'relu': lambda x: x if x > 0 else mp.mpf(0),
    'leaky_relu': leaky(mp.mpf('0.01')),
    'elu': lambda x: x if x > 0 else mp.expm1(x),
    'selu': lambda x: SELU_SCALE * x if x > 0 else SELU_SCALE * SELU_ALPHA * mp.expm1(x),
    'gelu': lambda x: x * Phi(x),
    'tanh': mp.tanh,
    'sigmoid': lambda x: 1 / (1 + mp.exp(-x)),
    'softplus': lambda x: mp.log1p(mp.exp(x)),
    'linear': lambda x: x,
}


def gauss_moment(f, power):
    density = lambda z: mp.exp(-z * z / 2) / mp.sqrt(2 * mp.pi)
    # split at the kink 0 so the piecewise activations integrate to full precision
    g = lambda z: f(z) ** power * density(z)
    return mp.quad(g, [-mp.inf, 0]) + mp.quad(g, [0, mp.inf])


out = sys.argv[1] if len(sys.argv) > 1 else 'test/fixtures/lsuv-fixed-point.json'
rows = {}
for name, f in ACTS.items():
    m1 = gauss_moment(f, 1)
    m2 = gauss_moment(f, 2)
    rows[name] = {
        'mean': float(m1),
        'secondMoment': float(m2),
        'gain': float(1 / mp.sqrt(m2)),
    }
doc = {
    'description': 'E[f(z)], E[f(z)^2] at z ~ N(0,1) and 1/sqrt(E[f(z)^2]) (LSUV wide-net fixed-point gain), mpmath 40 digits',
    'script': 'scripts/gen-lsuv-fixtures.py',
    'mpmath': mp.__version__,
    'activations': rows,
}
with open(out, 'w') as fh:
    json.dump(doc, fh, indent=2)
    fh.write('\n')
print(json.dumps(rows, indent=1))
