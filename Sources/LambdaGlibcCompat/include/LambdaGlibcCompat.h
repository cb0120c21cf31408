#ifndef LAMBDA_GLIBC_COMPAT_H
#define LAMBDA_GLIBC_COMPAT_H
/// Binds the math functions whose symbol version moved past glibc 2.34 back to their original versions, so a
/// `--static-swift-stdlib` binary built on a newer glibc (Debian 12: 2.36) still loads on `provided.al2023`
/// (glibc 2.34). The runtime's link passes `--wrap=hypot --wrap=hypotf` (see Package.swift), which sends every
/// reference to `hypot`/`hypotf` — including those inside the static Swift libraries — to the wrappers below.
/// Returns 1, so a caller can check the shim was linked.
int lambda_glibc_compat_linked(void);
#endif
