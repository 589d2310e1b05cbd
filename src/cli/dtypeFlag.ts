import { DTYPES, type Dtype } from '../core/dtype.js';
import { UsageError, didYouMean } from '../util/errors.js';

/** The commands' shared `--dtype` option text and its parser. */
export const DTYPE_OPTION_HELP = "floating-point format of the training: 'float64' (default, exact reproduction) or 'float32'";

/** `--dtype` → 'float64' | 'float32', or a one-line UsageError. */
export function parseDtypeFlag(text: string): Dtype {
  const t = text.trim();
  if ((DTYPES as readonly string[]).includes(t)) return t as Dtype;
  throw new UsageError(`--dtype: expected ${DTYPES.join(' or ')}, got '${text}'.${didYouMean(t, DTYPES)}`);
}
