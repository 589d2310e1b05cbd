/**
 * Data sets: sklearn's make_circles / make_moons / make_blobs (bit-exact with numpy's legacy
 * stream), initlab's spiral / xor / gauss / checkerboard, the user's CSV and .npy files, and
 * `makeDataset(spec)`, which builds any of them by name as a seeded train/test split.
 */
export type { Dataset } from './types.js';
export { makeCircles, courseCircles } from './circles.js';
export type { CirclesRandom, MakeCirclesOptions, CourseCircles } from './circles.js';
export { makeMoons, linspace } from './moons.js';
export type { MoonsRandom, MakeMoonsOptions } from './moons.js';
export { makeBlobs, samplesPerClass } from './blobs.js';
export type { Blobs, BlobsRandom, MakeBlobsOptions } from './blobs.js';
export { makeSpiral, makeXor, makeGauss, makeCheckerboard, checkerboardCell } from './synthetic.js';
export type { SyntheticRandom, MakeSpiralOptions, MakeXorOptions, MakeGaussOptions, MakeCheckerboardOptions } from './synthetic.js';
export { trainTestSplit, testSize, takeSamples, fitStandardization, applyStandardization } from './split.js';
export type { Standardization } from './split.js';
export { loadCsvTable, loadNpyTable, readNpyArray, labelKind } from './userData.js';
export type { UserTable, NumericArray, LabelKind } from './userData.js';
export { describeRange as describeDataParamRange, resolveParams as resolveDataParams } from './params.js';
export type { ParamSpec as DataParamSpec, ParamType as DataParamType, ParamValue as DataParamValue, ResolvedParams as ResolvedDataParams } from './params.js';
export { DATASETS, DATASET_NAMES, datasetInfo } from './registry.js';
export type { DataSetInfo, Task as DataTask } from './registry.js';
export { makeDataset } from './makeDataset.js';
export type { DataBundle } from './makeDataset.js';
export { parseIdx, encodeIdx, IdxFormatError } from './idx.js';
export type { IdxArray } from './idx.js';
export { FASHION_MNIST_DIR, FASHION_MNIST_PACKAGE, IDX_FILE_NAMES } from './idxData.js';
