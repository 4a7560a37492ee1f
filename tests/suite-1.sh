#!/bin/sh
# Half 1 of the real-engine suite (tests/suite.sh, SUITE_SHARD): `make -j2 check` runs both
# halves at once, each on a rig of its own.
SUITE_SHARD=1/2 exec bash "${top_srcdir:-$(dirname "$0")/..}/tests/suite.sh"
