/*
 * A `network.layers` list as one short line, for the places a setting is shown as text (the sweep
 * summary's columns and CSV, the report's figure titles), as network.hidden is shown as 64x64:
 *
 *   flatten, dense 64, 25×res[dense 64, dense 64]/linear
 *
 * Every field a layer gives is kept (so two different lists never read the same): a layer is its
 * type and size (dense units, conv filters·k kernel, pool size), then s<stride>, p<padding>,
 * skip, momentum, eps and /activation when given; a field this does not know is appended as JSON.
 * Runs of identical layers are written n×layer. A value that is not a list of objects is JSON.
 */

const KNOWN: Record<string, readonly string[]> = {
  dense: ['type', 'units', 'activation'],
  conv2d: ['type', 'filters', 'kernel', 'stride', 'padding', 'activation'],
  maxpool: ['type', 'size', 'stride'],
  avgpool: ['type', 'size', 'stride'],
  flatten: ['type'],
  batchnorm: ['type', 'momentum', 'eps', 'activation'],
  residual: ['type', 'layers', 'skip', 'activation'],
};

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function layerText(l: unknown): string {
  if (!isObject(l) || typeof l['type'] !== 'string' || !(l['type'] in KNOWN)) return JSON.stringify(l);
  const type = l['type'];
  const known = KNOWN[type]!;
  let text: string;
  switch (type) {
    case 'dense':
      text = `dense ${String(l['units'])}`;
      break;
    case 'conv2d':
      text = `conv ${String(l['filters'])}k${String(l['kernel'])}`;
      break;
    case 'maxpool':
    case 'avgpool':
      text = `${type} ${String(l['size'])}`;
      break;
    case 'residual':
      text = `res[${listText(l['layers'])}]`;
      break;
    default:
      text = type;
  }
  if (l['stride'] !== undefined) text += ` s${String(l['stride'])}`;
  if (l['padding'] !== undefined) text += ` p${String(l['padding'])}`;
  if (l['skip'] !== undefined) text += ` ${String(l['skip'])}`;
  if (l['momentum'] !== undefined) text += ` momentum ${String(l['momentum'])}`;
  if (l['eps'] !== undefined) text += ` eps ${String(l['eps'])}`;
  if (l['activation'] !== undefined) text += `/${String(l['activation'])}`;
  const extra = Object.keys(l).filter((k) => !known.includes(k)).sort();
  if (extra.length > 0) text += ` ${JSON.stringify(Object.fromEntries(extra.map((k) => [k, l[k]])))}`;
  return text;
}

function listText(layers: unknown): string {
  if (!Array.isArray(layers)) return JSON.stringify(layers);
  const parts: string[] = [];
  let i = 0;
  while (i < layers.length) {
    const t = layerText(layers[i]);
    let n = 1;
    while (i + n < layers.length && layerText(layers[i + n]) === t) n++;
    parts.push(n > 1 ? `${n}×${t}` : t);
    i += n;
  }
  return parts.join(', ');
}

/** The one-line text of a network.layers value; see the module comment. */
export function layersText(layers: unknown): string {
  return Array.isArray(layers) && layers.every(isObject) ? listText(layers) : JSON.stringify(layers);
}
