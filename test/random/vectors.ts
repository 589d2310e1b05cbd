/** Test helper: the typed fields of test/fixtures/reference/numpy-legacy-vectors.json. */
import { readReference } from '../helpers/reference.js';

export interface NumpyLegacyVectors {
  mt19937: {
    seed3_key_first5_after_seeding: number[];
    seed3_key_last: number;
    seed3_first10_uint32: number[];
    seed0_first5_uint32: number[];
    seed1_first5_uint32: number[];
    'init_by_array_[1,2,3]_first5_uint32': number[];
    seed42_uint32_index_623_624_625: number[];
  };
  rand: { seed0_rand5: number[] };
  randn: {
    seed3_randn_10x2: number[][];
    seed3_stream_first76: number[];
    'seed1_normal_scale0.05_first6': number[];
  };
  shuffle: { seed1_shuffle_arange300: number[] };
  make_circles: {
    seed1_n300_first5_y: number[];
    train_y: number[];
    test_y: number[];
    train_X_libm: number[][];
    test_X_libm: number[][];
    linspace_step_150: number;
    linspace_step_50: number;
  };
  course_checks: {
    'random_[3,2,1]_W1': number[][];
    'random_[3,2,1]_W2': number[][];
    'he_[2,4,1]_W1': number[][];
    'he_[2,4,1]_W2': number[][];
    he_scales: Record<string, number>;
    xavier_scales: Record<string, number>;
  };
}

/** numpy-legacy-vectors.json, parsed from test/fixtures/reference. */
export const vectors = readReference<NumpyLegacyVectors>('numpy-legacy-vectors.json');
