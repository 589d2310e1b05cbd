#!/usr/bin/env python3
# Generates src/kernels/gemmJs.ts: float64 and float32 variants of the same loops (the float32
# one rounds every product and sum with Math.fround).
def body(t):
    F = (lambda e: f"f({e})") if t == 'F32' else (lambda e: e)
    arr = 'Float32Array' if t == 'F32' else 'Float64Array'
    fdecl = "  const f = Math.fround;\n" if t == 'F32' else ""
    def acc4(z, cs, xs):
        # z + c0*x0 + c1*x1 + c2*x2 + c3*x3, left to right, each op rounded
        e = z
        for c, x in zip(cs, xs):
            e = F(f"{e} + {F(f'{c} * {x}')}")
        return e
    x = ['x0', 'x1', 'x2', 'x3']
    out = []
    out.append(f'''
/**
 * C[r, s] = init_r + Σ_t P(t, r)·B[t, s] (t ascending), P(t, r) = h[p + r·pr + t·pt], B row-major
 * with row stride m, C row stride m; init_r = h[bias + r] (bias ≥ 0) or +0. gemmRows's blocking
 * (src/nn/matmul.ts): 4 rows × 4 inner indices, each entry still summed strictly in t order.
 */
function rows{t}(h: {arr}, p: number, pr: number, pt: number, b: number, c: number, rows: number, depth: number, m: number, bias: number): void {{
{fdecl}  let r = 0;
  for (; r + 4 <= rows; r += 4) {{
    const z0 = c + r * m, z1 = z0 + m, z2 = z1 + m, z3 = z2 + m;
    const b0 = bias >= 0 ? h[bias + r]! : 0, b1 = bias >= 0 ? h[bias + r + 1]! : 0;
    const b2 = bias >= 0 ? h[bias + r + 2]! : 0, b3 = bias >= 0 ? h[bias + r + 3]! : 0;
    for (let s = 0; s < m; s++) {{
      h[z0 + s] = b0;
      h[z1 + s] = b1;
      h[z2 + s] = b2;
      h[z3 + s] = b3;
    }}
    const q0 = p + r * pr, q1 = q0 + pr, q2 = q1 + pr, q3 = q2 + pr;
    let t = 0;
    for (; t + 4 <= depth; t += 4) {{
      const a0 = b + t * m, a1 = a0 + m, a2 = a1 + m, a3 = a2 + m;
      const o0 = t * pt, o1 = o0 + pt, o2 = o1 + pt, o3 = o2 + pt;
      const c00 = h[q0 + o0]!, c01 = h[q0 + o1]!, c02 = h[q0 + o2]!, c03 = h[q0 + o3]!;
      const c10 = h[q1 + o0]!, c11 = h[q1 + o1]!, c12 = h[q1 + o2]!, c13 = h[q1 + o3]!;
      const c20 = h[q2 + o0]!, c21 = h[q2 + o1]!, c22 = h[q2 + o2]!, c23 = h[q2 + o3]!;
      const c30 = h[q3 + o0]!, c31 = h[q3 + o1]!, c32 = h[q3 + o2]!, c33 = h[q3 + o3]!;
      for (let s = 0; s < m; s++) {{
        const x0 = h[a0 + s]!, x1 = h[a1 + s]!, x2 = h[a2 + s]!, x3 = h[a3 + s]!;
        h[z0 + s] = {acc4('h[z0 + s]!', ['c00','c01','c02','c03'], x)};
        h[z1 + s] = {acc4('h[z1 + s]!', ['c10','c11','c12','c13'], x)};
        h[z2 + s] = {acc4('h[z2 + s]!', ['c20','c21','c22','c23'], x)};
        h[z3 + s] = {acc4('h[z3 + s]!', ['c30','c31','c32','c33'], x)};
      }}
    }}
    for (; t < depth; t++) {{
      const a0 = b + t * m;
      const o = t * pt;
      const c0 = h[q0 + o]!, c1 = h[q1 + o]!, c2 = h[q2 + o]!, c3 = h[q3 + o]!;
      for (let s = 0; s < m; s++) {{
        const x = h[a0 + s]!;
        h[z0 + s] = {acc4('h[z0 + s]!', ['c0'], ['x'])};
        h[z1 + s] = {acc4('h[z1 + s]!', ['c1'], ['x'])};
        h[z2 + s] = {acc4('h[z2 + s]!', ['c2'], ['x'])};
        h[z3 + s] = {acc4('h[z3 + s]!', ['c3'], ['x'])};
      }}
    }}
  }}
  for (; r < rows; r++) {{
    const z0 = c + r * m;
    const b0 = bias >= 0 ? h[bias + r]! : 0;
    for (let s = 0; s < m; s++) h[z0 + s] = b0;
    const q0 = p + r * pr;
    for (let t = 0; t < depth; t++) {{
      const a0 = b + t * m;
      const c0 = h[q0 + t * pt]!;
      for (let s = 0; s < m; s++) h[z0 + s] = {acc4('h[z0 + s]!', ['c0'], ['h[a0 + s]!'])};
    }}
  }}
}}

/**
 * dW[i, k] = Σ_s dZ[i, s]·A[k, s] (s ascending) and db[i] = Σ_s dZ[i, s]: dot products of
 * contiguous rows, 4 rows of dZ × 4 rows of A at a time (16 independent sums).
 */
function weightGrads{t}(h: {arr}, dz: number, a: number, dw: number, db: number, out: number, inn: number, m: number): void {{
{fdecl}  for (let i = 0; i < out; i++) {{
    const di = dz + i * m;
    let sum = 0;
    for (let s = 0; s < m; s++) sum = {F('sum + h[di + s]!')};
    h[db + i] = sum;
  }}
  let i = 0;
  for (; i + 4 <= out; i += 4) {{
    const d0 = dz + i * m, d1 = d0 + m, d2 = d1 + m, d3 = d2 + m;
    let k = 0;
    for (; k + 4 <= inn; k += 4) {{
      const e0 = a + k * m, e1 = e0 + m, e2 = e1 + m, e3 = e2 + m;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
      for (let s = 0; s < m; s++) {{
        const g0 = h[d0 + s]!, g1 = h[d1 + s]!, g2 = h[d2 + s]!, g3 = h[d3 + s]!;
        const y0 = h[e0 + s]!, y1 = h[e1 + s]!, y2 = h[e2 + s]!, y3 = h[e3 + s]!;
''')
    for r in range(4):
        line = "        " + " ".join(f"s{r}{q} = {acc4(f's{r}{q}', [f'g{r}'], [f'y{q}'])};" for q in range(4))
        out.append(line + "\n")
    out.append(f'''      }}
      const w0 = dw + i * inn + k, w1 = w0 + inn, w2 = w1 + inn, w3 = w2 + inn;
      h[w0] = s00; h[w0 + 1] = s01; h[w0 + 2] = s02; h[w0 + 3] = s03;
      h[w1] = s10; h[w1 + 1] = s11; h[w1 + 2] = s12; h[w1 + 3] = s13;
      h[w2] = s20; h[w2 + 1] = s21; h[w2 + 2] = s22; h[w2 + 3] = s23;
      h[w3] = s30; h[w3 + 1] = s31; h[w3 + 2] = s32; h[w3 + 3] = s33;
    }}
    for (; k < inn; k++) {{
      const e0 = a + k * m;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let s = 0; s < m; s++) {{
        const y = h[e0 + s]!;
        s0 = {acc4('s0', ['h[d0 + s]!'], ['y'])}; s1 = {acc4('s1', ['h[d1 + s]!'], ['y'])};
        s2 = {acc4('s2', ['h[d2 + s]!'], ['y'])}; s3 = {acc4('s3', ['h[d3 + s]!'], ['y'])};
      }}
      h[dw + i * inn + k] = s0;
      h[dw + (i + 1) * inn + k] = s1;
      h[dw + (i + 2) * inn + k] = s2;
      h[dw + (i + 3) * inn + k] = s3;
    }}
  }}
  for (; i < out; i++) {{
    const d0 = dz + i * m;
    for (let k = 0; k < inn; k++) {{
      const e0 = a + k * m;
      let s0 = 0;
      for (let s = 0; s < m; s++) s0 = {acc4('s0', ['h[d0 + s]!'], ['h[e0 + s]!'])};
      h[dw + i * inn + k] = s0;
    }}
  }}
}}
''')
    return ''.join(out)

header = '''/**
 * Plain-TypeScript twins of assembly/gemm.ts over whole-memory typed arrays, offsets in ELEMENTS.
 * Same rounding contract: each entry starts from its bias (forward) or +0 and adds the rounded
 * products one at a time in inner-index order, so float64 results equal the wasm kernels' and
 * src/nn/matmul.ts's bit for bit. The float32 versions round every product and every sum with
 * Math.fround: that is IEEE float32 arithmetic, since a float64 sum or product of two float32
 * values rounded once more to float32 equals the correctly rounded float32 result (53 ≥ 2·24 + 2),
 * which is what wasm's f32x4/f32 instructions compute.
 *
 * GENERATED by scripts/gen-gemm-js.py (the float32 copy differs only by its Math.fround calls);
 * edit the generator, not this file.
 */
'''
api = '''
/** Z = W·A + b (b < 0: no bias), then relu(z) = z > 0 ? z : 0 when asked; float64. */
export function forwardF64(h: Float64Array, w: number, b: number, a: number, z: number, out: number, inn: number, m: number, relu: boolean): void {
  rowsF64(h, w, inn, 1, a, z, out, inn, m, b);
  if (relu) for (let i = z; i < z + out * m; i++) h[i] = h[i]! > 0 ? h[i]! : 0;
}

/** Z = W·A + b (b < 0: no bias), then relu when asked; float32. */
export function forwardF32(h: Float32Array, w: number, b: number, a: number, z: number, out: number, inn: number, m: number, relu: boolean): void {
  rowsF32(h, w, inn, 1, a, z, out, inn, m, b);
  if (relu) for (let i = z; i < z + out * m; i++) h[i] = h[i]! > 0 ? h[i]! : 0;
}

/** dA = Wᵀ·dZ, then mask[k, s] > 0 ? dA[k, s] : 0 when mask ≥ 0; float64. */
export function inputGradsF64(h: Float64Array, w: number, dz: number, da: number, out: number, inn: number, m: number, mask: number): void {
  rowsF64(h, w, 1, inn, dz, da, inn, out, m, -1);
  if (mask >= 0) for (let i = 0; i < inn * m; i++) h[da + i] = h[mask + i]! > 0 ? h[da + i]! : 0;
}

/** dA = Wᵀ·dZ, then mask[k, s] > 0 ? dA[k, s] : 0 when mask ≥ 0; float32. */
export function inputGradsF32(h: Float32Array, w: number, dz: number, da: number, out: number, inn: number, m: number, mask: number): void {
  rowsF32(h, w, 1, inn, dz, da, inn, out, m, -1);
  if (mask >= 0) for (let i = 0; i < inn * m; i++) h[da + i] = h[mask + i]! > 0 ? h[da + i]! : 0;
}

export { weightGradsF64, weightGradsF32 };
'''
import sys  # usage: gen-gemm-js.py src/kernels/gemmJs.ts
open(sys.argv[1], 'w').write(header + api + body('F64') + body('F32'))
