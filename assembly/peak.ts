// The machine's measured WebAssembly SIMD peak (bench/gemm-bench.mjs): `n` steps of 6 independent
// multiply chains and 6 independent add chains, the mix a GEMM inner loop issues (one multiply and
// one add per multiply-add, no FMA in wasm). Six chains per kind cover a 3-cycle latency on 2
// pipes; 12 accumulators + 2 constants fit V8's 15 allocatable xmm registers without spills.
// Starting values differ per chain, so no optimizer can merge two chains; the lane sum is returned
// so that nothing is dead. Flops per step: 12 vector ops × lanes.

// @ts-ignore: decorator
@inline function chains<T>(n: i32, c: T, d: T): T {
  const vc = v128.splat<T>(c), vd = v128.splat<T>(d);
  let m0 = v128.splat<T>(<T>1.0), m1 = v128.splat<T>(<T>1.001), m2 = v128.splat<T>(<T>1.002);
  let m3 = v128.splat<T>(<T>1.003), m4 = v128.splat<T>(<T>1.004), m5 = v128.splat<T>(<T>1.005);
  let s0 = v128.splat<T>(<T>0.0), s1 = v128.splat<T>(<T>0.1), s2 = v128.splat<T>(<T>0.2);
  let s3 = v128.splat<T>(<T>0.3), s4 = v128.splat<T>(<T>0.4), s5 = v128.splat<T>(<T>0.5);
  for (let i = 0; i < n; i++) {
    m0 = v128.mul<T>(m0, vc); m1 = v128.mul<T>(m1, vc); m2 = v128.mul<T>(m2, vc);
    m3 = v128.mul<T>(m3, vc); m4 = v128.mul<T>(m4, vc); m5 = v128.mul<T>(m5, vc);
    s0 = v128.add<T>(s0, vd); s1 = v128.add<T>(s1, vd); s2 = v128.add<T>(s2, vd);
    s3 = v128.add<T>(s3, vd); s4 = v128.add<T>(s4, vd); s5 = v128.add<T>(s5, vd);
  }
  let all = v128.add<T>(v128.add<T>(v128.add<T>(m0, m1), v128.add<T>(m2, m3)), v128.add<T>(m4, m5));
  all = v128.add<T>(all, v128.add<T>(v128.add<T>(v128.add<T>(s0, s1), v128.add<T>(s2, s3)), v128.add<T>(s4, s5)));
  if (sizeof<T>() == 8) return <T>(f64x2.extract_lane(all, 0) + f64x2.extract_lane(all, 1));
  return <T>(f32x4.extract_lane(all, 0) + f32x4.extract_lane(all, 1) + f32x4.extract_lane(all, 2) + f32x4.extract_lane(all, 3));
}

/** n steps of 6 f64x2 multiply chains (×c) and 6 f64x2 add chains (+d): 24·n flops. */
export function peakF64(n: i32, c: f64, d: f64): f64 {
  return chains<f64>(n, c, d);
}

/** n steps of 6 f32x4 multiply chains (×c) and 6 f32x4 add chains (+d): 48·n flops. */
export function peakF32(n: i32, c: f32, d: f32): f32 {
  return chains<f32>(n, c, d);
}
