/*
 * Ground truth for src/math/fma.ts, glibcLog.ts and glibcSinCos.ts: the C library's own fma, log,
 * sin and cos on deterministic inputs, written as JSON (doubles as 16-digit hex bit patterns, so
 * that -0, subnormals, infinities and NaN survive). Built and run by scripts/gen-glibc-fixtures.sh
 * on x86-64 glibc 2.36 with FMA and AVX2, where glibc's ifunc runs __fma_fma, __log_fma, __sin_fma
 * and __cos_fma.
 *
 * Which cases: for each function, every input of a large random sample on which glibc differs from
 * the x87 long-double result rounded to double (a near-correctly-rounded reference) — the "hard"
 * cases where a correctly rounded port and glibc disagree — plus a smaller random sample of all
 * inputs, plus hand-picked edge cases (branch boundaries, zeros, subnormals, ±inf, NaN).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t state = 0x9e3779b97f4a7c15ULL;
/* splitmix64: a fixed, seedable stream so that the fixture is reproducible. */
static uint64_t next64(void) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}
static double u01(void) { return (double)(next64() >> 11) * 0x1p-53; }
static uint64_t bits(double x) { uint64_t b; memcpy(&b, &x, 8); return b; }
static double from_bits(uint64_t b) { double x; memcpy(&x, &b, 8); return x; }

static int first;
static void item1(double x, double y) {
  printf("%s\"%016llx %016llx\"", first ? "" : ",", (unsigned long long)bits(x), (unsigned long long)bits(y));
  first = 0;
}
static void item3(double a, double b, double c, double r) {
  printf("%s\"%016llx %016llx %016llx %016llx\"", first ? "" : ",", (unsigned long long)bits(a),
         (unsigned long long)bits(b), (unsigned long long)bits(c), (unsigned long long)bits(r));
  first = 0;
}

typedef double (*fn)(double);
typedef long double (*fnl)(long double);

/* A random input for a function: mostly the ranges initlab uses, plus wide log-uniform magnitudes. */
static double draw_log(int i) {
  switch (i % 4) {
    case 0: { double a = 2 * u01() - 1, b = 2 * u01() - 1; double r2 = a * a + b * b; return r2 > 0 && r2 < 1 ? r2 : u01(); } /* polar r2 */
    case 1: return 1 + (u01() - 0.5) * 0.25;                                  /* near 1: the special branch */
    case 2: return ldexp(1 + u01(), (int)(next64() % 2000) - 1000);            /* wide */
    default: return u01();
  }
}
static double draw_trig(int i) {
  double s = (next64() & 1) ? -1 : 1;
  switch (i % 6) {
    case 0: return s * u01() * 0.126;                       /* Taylor branch */
    case 1: return s * (0.126 + u01() * (0.855469 - 0.126)); /* table branch */
    case 2: return s * (0.855469 + u01() * (2.426265 - 0.855469));
    case 3: return s * u01() * 2 * M_PI;                    /* make_circles / make_moons angles */
    case 4: return s * ldexp(1 + u01(), (int)(next64() % 27)); /* up to 105414350: reduce_sincos */
    default: return s * ldexp(1 + u01(), 27 + (int)(next64() % 990)); /* branred */
  }
}

static void section(const char *name, fn f, fnl fl, double (*draw)(int), int sample, int random_keep,
                    const double *edges, int n_edges) {
  int hard = 0;
  printf("\"%s\":{\"hard\":[", name);
  first = 1;
  uint64_t saved = state;
  for (int i = 0; i < sample; i++) {
    double x = draw(i);
    double y = f(x);
    if (y != (double)fl((long double)x)) { item1(x, y); hard++; }
  }
  printf("],\"random\":[");
  first = 1;
  state = saved ^ 0x5555555555555555ULL;
  for (int i = 0; i < random_keep; i++) { double x = draw(i); item1(x, f(x)); }
  printf("],\"edges\":[");
  first = 1;
  for (int i = 0; i < n_edges; i++) item1(edges[i], f(edges[i]));
  printf("],\"sampled\":%d}", sample);
  fprintf(stderr, "%s: %d hard cases in %d\n", name, hard, sample);
}

static double ld_log(double x) { return log(x); }

int main(void) {
  printf("{");
  /* fma: random magnitudes, cancellations, ties, subnormal and overflowing results. */
  printf("\"fma\":[");
  first = 1;
  for (int i = 0; i < 1200; i++) {
    double a, b, c;
    int kind = i % 6;
    a = ldexp(1 + u01(), (int)(next64() % 60) - 30) * ((next64() & 1) ? -1 : 1);
    b = ldexp(1 + u01(), (int)(next64() % 60) - 30) * ((next64() & 1) ? -1 : 1);
    if (kind == 0) c = ldexp(1 + u01(), (int)(next64() % 120) - 60) * ((next64() & 1) ? -1 : 1);
    else if (kind == 1) c = -(a * b);                                          /* c + RN(ab): the error term alone */
    else if (kind == 2) c = -(a * b) * (1 + ldexp(u01(), -40));                /* deep cancellation */
    else if (kind == 3) { a = 1 + ldexp((double)(next64() % 1024), -52); b = 1 + ldexp((double)(next64() % 1024), -52); c = ldexp(1, -53) * ((next64() & 1) ? -1 : 1); } /* near ties */
    else if (kind == 4) { a = ldexp(1 + u01(), -540 - (int)(next64() % 20)); b = ldexp(1 + u01(), -520); c = ldexp(1 + u01(), -1060) * ((next64() & 1) ? -1 : 1); } /* subnormal results */
    else { a = ldexp(1 + u01(), 600); b = ldexp(1 + u01(), 423); c = -ldexp(1 + u01(), 1023) * (next64() & 1); } /* near overflow */
    item3(a, b, c, fma(a, b, c));
  }
  double specials[] = {0.0, -0.0, 1.0, -1.0, INFINITY, -INFINITY, NAN, 0x1p-1074, 0x1.fffffffffffffp1023};
  int ns = sizeof specials / sizeof specials[0];
  for (int i = 0; i < ns; i++)
    for (int j = 0; j < ns; j++)
      for (int k = 0; k < ns; k++) item3(specials[i], specials[j], specials[k], fma(specials[i], specials[j], specials[k]));
  printf("],");

  const double log_edges[] = {1.0, 0.0, -0.0, -1.0, INFINITY, -INFINITY, NAN, 0x1p-1074, 0x1p-1022, 0x1.fffffffffffffp-1023,
                              0x1.fffffffffffffp1023, 2.0, 0.5, 1 - 0x1p-4, 1 - 0x1p-4 - 0x1p-53, 1 + 0x1.09p-4,
                              1 + 0x1.09p-4 - 0x1p-52, 1 + 0x1p-52, 1 - 0x1p-53, 0x1.6p-1, 0x1.6p0, 0x1.5fffffffffffffp0,
                              2.718281828459045, 0.1, 1e-300, 1e300};
  section("log", log, logl, draw_log, 400000, 1000, log_edges, sizeof log_edges / sizeof log_edges[0]);
  printf(",");
  const double trig_edges[] = {0.0, -0.0, INFINITY, -INFINITY, NAN, 0x1p-1074, 0x1p-27, 0x1p-26, 0x1.fffffffffffffp-27,
                               0x1.fffffffffffffp-28, 0.126, 0.12599999999999997, 0x1.b6p-1, 0x1.b5fffffffffffp-1,
                               0x1.368fdp1, 0x1.368fcfffffffffp1, M_PI, M_PI / 2, M_PI / 4, 2 * M_PI, -M_PI,
                               105414350.0, 105414349.99999999, 0x1.921fbp26, 0x1.921fb0000001p26, 1e22, 1e300,
                               0x1.fffffffffffffp1023, -0x1.fffffffffffffp1023, 0x1.921fb54442d18p1000};
  int nt = sizeof trig_edges / sizeof trig_edges[0];
  section("sin", sin, sinl, draw_trig, 400000, 1000, trig_edges, nt);
  printf(",");
  section("cos", cos, cosl, draw_trig, 400000, 1000, trig_edges, nt);
  printf("}\n");
  (void)ld_log;
  (void)from_bits;
  return 0;
}
