import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { formatInitSpec } from '../../src/init/spec.js';
import { expandSweep, readSweepSpec } from '../../src/experiments/sweep/spec.js';
import { FASHION_MNIST_DIR } from '../../src/data/idxData.js';
import { ensureDebianPackage } from '../helpers/debianPackage.js';

/*
 * The sweep specs in examples/ parse and expand with the sweep's own parser (they are never run
 * here: the smallest takes minutes). Each check pins what its README entry promises.
 */

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const load = (name: string) => {
  const { spec } = readSweepSpec(join(EXAMPLES, name));
  return { spec, configs: expandSweep(spec) };
};
const distinct = <T>(xs: readonly T[]) => [...new Set(xs)];

describe('examples/', () => {
  it('every spec in examples/ parses and expands; the three studies are there and README.md describes them', () => {
    // The Fashion-MNIST reproductions build their data while expanding (Debian's dataset-fashion-mnist).
    ensureDebianPackage('dataset-fashion-mnist', `${FASHION_MNIST_DIR}/train-images-idx3-ubyte.gz`);
    const files = readdirSync(EXAMPLES).filter((f) => /\.(ya?ml|json)$/.test(f));
    for (const f of files) assert.ok(expandSweep(readSweepSpec(join(EXAMPLES, f)).spec).length > 0, f);
    const readme = readFileSync(join(EXAMPLES, 'README.md'), 'utf8');
    for (const name of ['article-20-seeds.yaml', 'depth-study-spiral.yaml', 'depth-study-moons-adam.yaml']) {
      assert.ok(files.includes(name), name);
      assert.ok(readme.includes(name), `README.md describes ${name}`);
    }
  });

  it('article-20-seeds: the course experiment (circles 300/100, 10-5-1 ReLU, GD lr 0.01 × 15000) × zeros / random×10 / he × 20 seeds', () => {
    const { configs } = load('article-20-seeds.yaml');
    assert.equal(configs.length, 3 * 20);
    assert.deepEqual(distinct(configs.map((c) => formatInitSpec(c.init))), ['zeros', 'random:scale=10', 'he']);
    assert.deepEqual(distinct(configs.map((c) => c.initSeed)).length, 20);
    for (const c of configs) {
      assert.equal(c.data.name, 'circles');
      // The notebook's data: 300 training points with seed 1, 100 test points with seed 2.
      assert.equal(c.data.seed, 1);
      assert.equal(c.data['samples'], 300);
      assert.equal(c.data['testSeed'], 2);
      assert.equal(c.data['testSamples'], 100);
      assert.equal(c.data['noise'], 0.05);
      assert.deepEqual(c.network.hidden, [10, 5]);
      assert.equal(c.network.activation, 'relu');
      assert.equal(c.training.optimizer.name, 'sgd');
      assert.equal(c.training.learningRate, 0.01);
      assert.equal(c.training.iterations, 15000);
      assert.ok(!c.training.batchSize, 'full batch');
    }
  });

  for (const [file, data, optimizer] of [
    ['depth-study-spiral.yaml', 'spiral', 'sgd'],
    ['depth-study-moons-adam.yaml', 'moons', 'adam'],
  ] as const) {
    it(`${file}: 2…30 hidden layers of 64, relu and tanh, seven inits, on ${data} with ${optimizer}`, () => {
      const { configs } = load(file);
      const depths = distinct(configs.map((c) => c.network.hidden.length)).sort((a, b) => a - b);
      assert.equal(depths[0], 2);
      assert.equal(depths[depths.length - 1], 30);
      assert.deepEqual(distinct(configs.flatMap((c) => c.network.hidden)), [64]);
      assert.deepEqual(distinct(configs.map((c) => c.network.activation)).sort(), ['relu', 'tanh']);
      // (orthogonal and lsuv come back canonical, with their default parameters spelled out)
      const inits = distinct(configs.map((c) => (c.init.name === 'random' ? formatInitSpec(c.init) : c.init.name)));
      assert.deepEqual(inits, ['zeros', 'random:scale=0.01', 'random:scale=1', 'xavier', 'he', 'orthogonal', 'lsuv']);
      assert.deepEqual(distinct(configs.map((c) => c.data.name)), [data]);
      assert.deepEqual(distinct(configs.map((c) => c.training.optimizer.name)), [optimizer]);
      const seeds = distinct(configs.map((c) => c.initSeed)).length;
      assert.equal(configs.length, depths.length * 2 * 7 * seeds);
    });
  }

  it('he-2015-fig3-fashion-mnist: 30 ReLU layers of 128 on a Fashion-MNIST subset, he vs xavier × 3 seeds', () => {
    ensureDebianPackage('dataset-fashion-mnist', `${FASHION_MNIST_DIR}/train-images-idx3-ubyte.gz`);
    const { configs } = load('he-2015-fig3-fashion-mnist.yaml');
    assert.equal(configs.length, 2 * 3);
    assert.deepEqual(distinct(configs.map((c) => c.init.name)), ['he', 'xavier']);
    for (const c of configs) {
      assert.equal(c.data.name, 'fashion-mnist');
      assert.equal(c.data['samples'], 5000);
      assert.equal(c.data['testSamples'], 1000);
      assert.deepEqual(c.network.hidden, new Array<number>(30).fill(128));
      assert.equal(c.network.activation, 'relu');
      assert.equal(c.training.optimizer.name, 'momentum');
    }
  });

  it('lsuv-10-layer-fashion-mnist: 10 layers of 128, relu and tanh, lsuv / he / orthogonal × 3 seeds', () => {
    ensureDebianPackage('dataset-fashion-mnist', `${FASHION_MNIST_DIR}/train-images-idx3-ubyte.gz`);
    const { configs } = load('lsuv-10-layer-fashion-mnist.yaml');
    assert.equal(configs.length, 2 * 3 * 3);
    assert.deepEqual(distinct(configs.map((c) => c.init.name)), ['lsuv', 'he', 'orthogonal']);
    assert.deepEqual(distinct(configs.map((c) => c.network.activation)), ['relu', 'tanh']);
    for (const c of configs) {
      assert.equal(c.data.name, 'fashion-mnist');
      assert.deepEqual(c.network.hidden, new Array<number>(10).fill(128));
    }
  });

  it('fixup-skipinit-fashion-mnist: 25 dense residual blocks (52 weight layers, no normalization) on a Fashion-MNIST subset; he / fixup / skipinit and he with batchnorm × 3 seeds', () => {
    ensureDebianPackage('dataset-fashion-mnist', `${FASHION_MNIST_DIR}/train-images-idx3-ubyte.gz`);
    const { configs } = load('fixup-skipinit-fashion-mnist.yaml');
    assert.equal(configs.length, 4 * 3);
    type L = { type: string; units?: number; activation?: string; layers?: L[] };
    const layersOf = (c: (typeof configs)[number]) => c.network.layers as unknown as L[];
    const weightLayers = (ls: L[]): number => ls.reduce((n, l) => n + (l.type === 'dense' ? 1 : l.type === 'residual' ? weightLayers(l.layers!) : 0), 0);
    const hasBatchnorm = (ls: L[]): boolean => ls.some((l) => l.type === 'batchnorm' || (l.layers !== undefined && hasBatchnorm(l.layers)));
    const plain = configs.filter((c) => !hasBatchnorm(layersOf(c)));
    const bn = configs.filter((c) => hasBatchnorm(layersOf(c)));
    assert.deepEqual(distinct(plain.map((c) => c.init.name)), ['torch:kaiming_normal', 'fixup', 'skipinit']);
    assert.deepEqual(distinct(plain.map((c) => formatInitSpec(c.init))).slice(1), ['fixup:base=torch:kaiming_normal', 'skipinit:base=torch:kaiming_normal']);
    assert.deepEqual(distinct(bn.map((c) => c.init.name)), ['torch:kaiming_normal']);
    assert.deepEqual(distinct(configs.map((c) => c.initSeed)), [0, 1, 2]);
    for (const c of configs) {
      const layers = layersOf(c);
      assert.equal(c.data.name, 'fashion-mnist');
      assert.equal(c.data['samples'], 2000);
      assert.equal(c.data['testSamples'], 500);
      // the stem, 25 blocks of 2 dense layers of 64 and the output layer the run adds: 52 weight layers
      assert.equal(layers.filter((l) => l.type === 'residual').length, 25);
      assert.equal(weightLayers(layers) + 1, 52);
      for (const b of layers.filter((l) => l.type === 'residual')) {
        assert.equal(b.activation, 'linear');
        assert.deepEqual(b.layers!.filter((l) => l.type === 'dense').map((l) => l.units), [64, 64]);
      }
      assert.equal(c.training.optimizer.name, 'momentum');
      assert.equal(c.training.iterations, 600);
    }
  });
});
