// Why: glibc 2.35 gave hypot/hypotf new symbol versions (GLIBC_2.35, for the faster, correctly rounded
// implementations); the static Swift standard library references them, so a binary linked here needs
// GLIBC_2.35 and fails to start on Amazon Linux 2023 (glibc 2.34) with "version `GLIBC_2.35' not found".
// The old versions are still exported by every glibc, so calling them is safe; results may differ in the last
// bit from the 2.35 implementations, which nothing in a Lambda runtime depends on.
#include "LambdaGlibcCompat.h"
#if defined(__linux__)
#include <features.h>  // defines __GLIBC__ on glibc (not on musl)
#endif

#if defined(__linux__) && defined(__GLIBC__)
#if defined(__x86_64__)
#define LAMBDA_GLIBC_BASE "GLIBC_2.2.5"
#elif defined(__aarch64__)
#define LAMBDA_GLIBC_BASE "GLIBC_2.17"
#endif
#endif

#ifdef LAMBDA_GLIBC_BASE
double lambda_glibc_hypot_base(double x, double y);
float lambda_glibc_hypotf_base(float x, float y);
__asm__(".symver lambda_glibc_hypot_base, hypot@" LAMBDA_GLIBC_BASE);
__asm__(".symver lambda_glibc_hypotf_base, hypotf@" LAMBDA_GLIBC_BASE);

double __wrap_hypot(double x, double y) { return lambda_glibc_hypot_base(x, y); }
float __wrap_hypotf(float x, float y) { return lambda_glibc_hypotf_base(x, y); }
#else
// Not glibc (musl with the static Linux SDK, another architecture): the link still passes --wrap, so forward to
// the library's own functions.
double __real_hypot(double x, double y);
float __real_hypotf(float x, float y);
double __wrap_hypot(double x, double y) { return __real_hypot(x, y); }
float __wrap_hypotf(float x, float y) { return __real_hypotf(x, y); }
#endif

int lambda_glibc_compat_linked(void) { return 1; }
