/**
 * A seeded stream of random numbers. Every consumer (initializers, data sets, shuffling) takes one
 * explicitly: there is no global generator, so a run's numbers depend only on its own seeds.
 */
export interface RandomStream {
  /** Which algorithm drives the stream: numpy's legacy MT19937 `RandomState`, or initlab's fast default. */
  readonly kind: 'numpy' | 'default';
  /** Re-seeds the stream (and clears any cached normal), like `np.random.seed(seed)`. */
  seed(seed: number): void;
  /** Next raw 32-bit unsigned word. */
  nextUint32(): number;
  /** Uniform double in [0, 1) with 53 random bits. */
  uniform01(): number;
  /** Standard normal N(0, 1). */
  standardNormal(): number;
}
