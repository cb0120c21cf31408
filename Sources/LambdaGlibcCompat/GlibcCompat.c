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

// Why: GCC 12's libstdc++ exports std::condition_variable::wait(std::unique_lock<std::mutex>&) under a new version,
// GLIBCXX_3.4.30, next to the GLIBCXX_3.4.11 one every libstdc++ since GCC 4.4 has; the static Swift runtime
// (Dispatch, Foundation) and NIO reference it, so a binary linked on Debian 12 needs GLIBCXX_3.4.30, which
// provided.al2023's GCC 11 runtime (newest GLIBCXX_3.4.29) lacks. Both versions wait on the same
// pthread condition; bind the reference to the old one. (A member function: `this` is the first argument.)
#define LAMBDA_CV_WAIT _ZNSt18condition_variable4waitERSt11unique_lockISt5mutexE
#define LAMBDA_STR2(x) #x
#define LAMBDA_STR(x) LAMBDA_STR2(x)
#define LAMBDA_WRAP2(x) __wrap_##x
#define LAMBDA_WRAP(x) LAMBDA_WRAP2(x)
#define LAMBDA_REAL2(x) __real_##x
#define LAMBDA_REAL(x) LAMBDA_REAL2(x)
#ifdef LAMBDA_GLIBC_BASE
void lambda_cv_wait_base(void *condition, void *lock);
__asm__(".symver lambda_cv_wait_base, " LAMBDA_STR(LAMBDA_CV_WAIT) "@GLIBCXX_3.4.11");
void LAMBDA_WRAP(LAMBDA_CV_WAIT)(void *condition, void *lock) { lambda_cv_wait_base(condition, lock); }
#else
void LAMBDA_REAL(LAMBDA_CV_WAIT)(void *condition, void *lock);
void LAMBDA_WRAP(LAMBDA_CV_WAIT)(void *condition, void *lock) { LAMBDA_REAL(LAMBDA_CV_WAIT)(condition, lock); }
#endif

int lambda_glibc_compat_linked(void) { return 1; }
