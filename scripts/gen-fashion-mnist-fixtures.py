#!/usr/bin/env python3
"""Regenerates test/fixtures/data/fashion-mnist.json: facts about Debian's Fashion-MNIST files and
the seeded subsets initlab draws from them, computed with numpy alone (gzip + np.frombuffer, the IDX
layout read by hand, independent of initlab's parser), for test/data/idxReal.test.ts.

The subsets follow initlab's documented order of draws (src/data/idxData.ts):
rng = np.random.RandomState(seed); train = rng.permutation(60000)[:samples];
test = rng.permutation(10000)[:testSamples]. With idx and no test pair: perm = rng.permutation(n),
test = perm[:ceil(testFraction*n)], train = perm[ceil(...):], then the subsets of each.

Made with Debian's python3-numpy 1.24.2 and dataset-fashion-mnist.
Usage: /usr/bin/python3 scripts/gen-fashion-mnist-fixtures.py [DIR] [OUT]
"""
import gzip, json, math, struct, sys
import numpy as np

d = sys.argv[1] if len(sys.argv) > 1 else '/usr/share/datasets/fashion-mnist'
out = sys.argv[2] if len(sys.argv) > 2 else 'test/fixtures/data/fashion-mnist.json'

def read(name):
    raw = gzip.open(f'{d}/{name}.gz', 'rb').read()
    zero, typ, rank = struct.unpack('>HBB', raw[:4])
    assert zero == 0 and typ == 8
    dims = struct.unpack('>' + 'I' * rank, raw[4:4 + 4 * rank])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)

Xtr = read('train-images-idx3-ubyte'); ytr = read('train-labels-idx1-ubyte')
Xte = read('t10k-images-idx3-ubyte'); yte = read('t10k-labels-idx1-ubyte')

def subset_case(seed, samples, test_samples):
    rng = np.random.RandomState(seed)
    a = rng.permutation(len(Xtr))[:samples]
    b = rng.permutation(len(Xte))[:test_samples]
    xa = Xtr[a].reshape(samples, -1).astype(np.float64) / 255
    xb = Xte[b].reshape(test_samples, -1).astype(np.float64) / 255
    # standardize: per-pixel mean and population std of the training subset (std 0 -> 1)
    mu = xa.mean(axis=0); sd = xa.std(axis=0); sd[sd == 0] = 1
    za = (xa - mu) / sd
    zb = (xb - mu) / sd
    return {
        'seed': seed, 'samples': samples, 'testSamples': test_samples,
        'trainIndices': [int(i) for i in a[:20]], 'testIndices': [int(i) for i in b[:20]],
        'trainLabels': [int(v) for v in ytr[a]], 'testLabels': [int(v) for v in yte[b]],
        'trainUnitSum': float(xa.sum()), 'testUnitSum': float(xb.sum()),
        # sample s, pixel (row 14, column 14) = feature 406, unit scale and standardized
        'pixel406Unit': [float(v) for v in xa[:10, 406]],
        'pixel406Std': [float(v) for v in za[:10, 406]],
        'testPixel406Std': [float(v) for v in zb[:10, 406]],
    }

def split_case(seed, test_fraction, samples, test_samples):
    rng = np.random.RandomState(seed)
    n = len(Xtr)
    perm = rng.permutation(n)
    nt = math.ceil(test_fraction * n)
    te, tr = perm[:nt], perm[nt:]
    a = tr[rng.permutation(len(tr))[:samples]]
    b = te[rng.permutation(len(te))[:test_samples]]
    return {'seed': seed, 'testFraction': test_fraction, 'samples': samples, 'testSamples': test_samples,
            'trainIndices': [int(i) for i in a], 'testIndices': [int(i) for i in b]}

fixture = {
    'generator': f'scripts/gen-fashion-mnist-fixtures.py, numpy {np.__version__}',
    'dims': {'trainImages': list(Xtr.shape), 'trainLabels': list(ytr.shape), 'testImages': list(Xte.shape), 'testLabels': list(yte.shape)},
    'trainLabelCounts': [int(c) for c in np.bincount(ytr, minlength=10)],
    'testLabelCounts': [int(c) for c in np.bincount(yte, minlength=10)],
    'trainFirstLabels': [int(v) for v in ytr[:20]], 'testFirstLabels': [int(v) for v in yte[:20]],
    # image 0's row 14 (pixels 392 … 419), and the pixel sums of the first 5 images of each set
    'trainImage0Row14': [int(v) for v in Xtr[0, 14]], 'testImage0Row14': [int(v) for v in Xte[0, 14]],
    'trainPixelSums': [int(v) for v in Xtr[:5].reshape(5, -1).sum(axis=1)],
    'testPixelSums': [int(v) for v in Xte[:5].reshape(5, -1).sum(axis=1)],
    'trainMeanUnit': float(Xtr.astype(np.float64).mean() / 255),
    'subsets': [subset_case(0, 300, 100), subset_case(7, 1000, 250)],
    'split': split_case(3, 0.2, 50, 30),
}
with open(out, 'w') as f:
    # one line per top-level key (and per subset case): readable diffs, no line per number
    def dumps(v):
        return json.dumps(v, separators=(', ', ': '))
    f.write('{\n')
    items = list(fixture.items())
    for i, (k, v) in enumerate(items):
        end = ',' if i < len(items) - 1 else ''
        if k == 'subsets':
            f.write(f' "{k}": [\n' + ',\n'.join('  ' + dumps(c) for c in v) + f'\n ]{end}\n')
        else:
            f.write(f' "{k}": {dumps(v)}{end}\n')
    f.write('}\n')
print(f'wrote {out}')
