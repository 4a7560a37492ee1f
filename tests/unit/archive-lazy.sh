#!/bin/sh
# budu does not load libarchive at start (src/archive_lazy.h): libarchive, and through it libxml2,
# ICU and libstdc++, cost every run about 3 MB of memory and 10 ms before the first screen.
BUDU=${BUDU:-./budu}
echo "1..2"
needed=$(readelf -d "$BUDU" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
if [ -n "$needed" ]; then echo "ok 1 - budu names its libraries ($(echo $needed | wc -w))"; else echo "not ok 1 - readelf -d $BUDU lists no library"; fi
if echo "$needed" | grep -q -e archive -e xml2; then
	echo "not ok 2 - budu loads libarchive at start: $(echo $needed)"
else
	echo "ok 2 - libarchive is not among them"
fi
