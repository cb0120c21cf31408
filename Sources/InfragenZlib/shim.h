// zlib for the Deploy target's deterministic zip writer (raw deflate and CRC-32). Debian/Ubuntu: zlib1g-dev.
#include <zlib.h>
