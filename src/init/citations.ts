/**
 * The papers the initializers cite, each written once: every definition's `reference` builds on these.
 * Framework source files are cited where each framework's definitions live.
 */

/** He et al.'s variance 2/fan_in for rectifiers. */
export const HE_2015 = 'He, Zhang, Ren & Sun 2015, "Delving Deep into Rectifiers", arXiv:1502.01852';

/** Glorot & Bengio's normalized initialization, variance 2/(fan_in + fan_out). */
export const GLOROT_2010 =
  'Glorot & Bengio 2010, "Understanding the difficulty of training deep feedforward neural networks", AISTATS (PMLR v9)';

/** LeCun's variance 1/fan_in. */
export const LECUN_1998 = 'LeCun, Bottou, Orr & Müller 1998, "Efficient BackProp"';

/** Self-normalizing networks: LeCun normal is the init SELU nets assume. */
export const KLAMBAUER_2017 = 'Klambauer et al. 2017, "Self-Normalizing Neural Networks", arXiv:1706.02515';

/** Orthogonal initialization, with the sign fix that makes Q Haar-distributed. */
export const SAXE_2013 =
  'Saxe, McClelland & Ganguli 2013, "Exact solutions to the nonlinear dynamics of learning in deep linear neural networks", arXiv:1312.6120; sign fix: Mezzadri 2007, math-ph/0609050';

/** Delta-orthogonal convolution kernels. */
export const XIAO_2018 = 'Xiao et al. 2018, "Dynamical Isometry and a Mean Field Theory of CNNs", arXiv:1806.05393';

/** Layer-sequential unit-variance initialization. */
export const MISHKIN_2015 = 'Mishkin & Matas 2015, "All you need is a good init", ICLR 2016, arXiv:1511.06422';

/** LeCun's rule as Keras and JAX cite it: the 1/fan_in variance and the SELU paper that relies on it. */
export const LECUN_AND_SELU = `${LECUN_1998}; ${KLAMBAUER_2017}`;

/** Fixup: residual nets trained without normalization by rescaling the branches at initialization. */
export const ZHANG_2019 = 'Zhang, Dauphin & Ma 2019, "Fixup Initialization: Residual Learning Without Normalization", ICLR 2019, arXiv:1901.09321';

/** SkipInit: a trainable scalar α = 0 on every residual branch. */
export const DE_2020 = 'De & Smith 2020, "Batch Normalization Biases Residual Blocks Towards the Identity Function in Deep Networks", NeurIPS 2020, arXiv:2002.10444';
